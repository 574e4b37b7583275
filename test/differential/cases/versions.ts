import type { Case } from '../case.js';
import { group, SNAPSHOT } from './helpers.js';

const ZED_MAX = 'the oracle is Cinder Zed (max microversion 3.70); Ember implements up to 3.71 (2023.2+), so the advertised maximum differs';
const VERSION_FIELDS = ['versions[].id', 'versions[].status', 'versions[].min_version', 'versions[].links', 'versions[].media-types'];
const MV = ['openstack-api-version', 'vary'];
const MALFORMED = "Cinder bug: a `volume` item that is not exactly two tokens raises an unhandled ValueError (500); Ember answers 400 as for any malformed version (CINDER-API.md §2.1: 'do better: 400')";
const INTERNAL = { status: 500, fault: 'computeFault', message: 'The server has either erred or is incapable of performing the requested operation.' };

/** Version documents, the microversion header, the noauth token and the URL's project. */
/**
 * Requests no route matches: Cinder's router answers with webob's HTML 404 page; Ember answers every
 * error under /v3 with the JSON fault envelope (a requirement of the walking skeleton).
 */
export const UNROUTED = {
  reason: "No route matches: Cinder answers webob's HTML 404 page, Ember the JSON fault envelope it uses for every error",
  cinder: { status: 404, fault: '(html)' },
  ember: { status: 404, fault: 'itemNotFound', message: 'The resource could not be found.' },
};

export const versionCases: Case[] = [
  ...group('versions', [
    { name: 'GET / without a token answers 300 with the versions document', method: 'GET', path: '/', token: null, compare: { values: VERSION_FIELDS } },
    { name: 'GET /v3/ answers 200 with the versions document', method: 'GET', path: '/v3/', compare: { values: VERSION_FIELDS } },
    {
      name: 'GET /v3 redirects to /v3/',
      method: 'GET',
      path: '/v3',
      deviation: {
        reason: 'Cinder redirects /v3 to /v3/ (302); Ember serves the same versions document at both (CLIENTS.md: openstacksdk discovers at /v3)',
        cinder: { status: 302, fault: null },
        ember: { status: 200, fault: null },
      },
    },
    {
      name: 'GET /v3/ without a token (noauth fake-token reply)',
      method: 'GET',
      path: '/v3/',
      token: null,
      deviation: {
        reason: "Cinder's noauth middleware answers any token-less /v3 request with 204 and a fake token; Ember's version discovery is public (200), as clients read it before they authenticate",
        cinder: { status: 204, fault: null },
        ember: { status: 200, fault: null },
      },
    },
  ]),
  ...group('microversion header', [
    { name: 'no OpenStack-API-Version header means 3.0', method: 'GET', path: SNAPSHOT, compare: { headers: MV } },
    { name: 'volume 3.0', method: 'GET', path: SNAPSHOT, mv: '3.0', compare: { headers: MV } },
    { name: 'volume latest', method: 'GET', path: SNAPSHOT, mv: 'latest' },
    { name: 'volume 3.70 (Zed maximum)', method: 'GET', path: SNAPSHOT, mv: '3.70', compare: { headers: MV } },
    {
      name: 'volume 3.71',
      method: 'GET',
      path: SNAPSHOT,
      mv: '3.71',
      deviation: {
        reason: ZED_MAX,
        cinder: { status: 406, fault: 'computeFault', message: 'Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' },
        ember: { status: 200, fault: null },
      },
    },
    {
      name: 'volume 3.72 is out of range (406)',
      method: 'GET',
      path: SNAPSHOT,
      mv: '3.72',
      deviation: {
        reason: ZED_MAX,
        cinder: { status: 406, fault: 'computeFault', message: 'Version 3.72 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' },
        ember: { status: 406, fault: 'computeFault', message: 'Version 3.72 is not supported by the API. Minimum is 3.0 and maximum is 3.71.' },
      },
    },
    {
      name: 'volume 3.99 is out of range (406)',
      method: 'GET',
      path: SNAPSHOT,
      mv: '3.99',
      deviation: {
        reason: ZED_MAX,
        cinder: { status: 406, fault: 'computeFault', message: 'Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' },
        ember: { status: 406, fault: 'computeFault', message: 'Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.71.' },
      },
    },
    {
      name: 'volume 2.0 is out of range (406)',
      method: 'GET',
      path: SNAPSHOT,
      mv: '2.0',
      deviation: {
        reason: ZED_MAX,
        cinder: { status: 406, fault: 'computeFault', message: 'Version 2.0 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' },
        ember: { status: 406, fault: 'computeFault', message: 'Version 2.0 is not supported by the API. Minimum is 3.0 and maximum is 3.71.' },
      },
    },
    { name: 'volume 3.01 is an invalid format (400)', method: 'GET', path: SNAPSHOT, mv: '3.01', compare: { headers: MV } },
    { name: 'volume 3 is an invalid format (400)', method: 'GET', path: SNAPSHOT, mv: '3' },
    { name: 'volume abc is an invalid format (400)', method: 'GET', path: SNAPSHOT, mv: 'abc' },
    { name: 'compute 3.5 (no volume item) is a generic 400', method: 'GET', path: SNAPSHOT, headers: { 'OpenStack-API-Version': 'compute 3.5' } },
    { name: 'VOLUME 3.5 (upper case) is not a volume item', method: 'GET', path: SNAPSHOT, headers: { 'OpenStack-API-Version': 'VOLUME 3.5' } },
    {
      name: 'volume without a version',
      method: 'GET',
      path: SNAPSHOT,
      headers: { 'OpenStack-API-Version': 'volume' },
      deviation: { reason: MALFORMED, cinder: INTERNAL, ember: { status: 400, fault: 'badRequest', message: 'API Version String  is of invalid format. Must be of format MajorNum.MinorNum.' } },
    },
    {
      name: 'volume 3.5 x (three tokens)',
      method: 'GET',
      path: SNAPSHOT,
      headers: { 'OpenStack-API-Version': 'volume 3.5 x' },
      deviation: { reason: MALFORMED, cinder: INTERNAL, ember: { status: 400, fault: 'badRequest', message: 'API Version String 3.5 x is of invalid format. Must be of format MajorNum.MinorNum.' } },
    },
    { name: 'a list of items: compute 2.1, volume 3.14', method: 'GET', path: SNAPSHOT, headers: { 'OpenStack-API-Version': 'compute 2.1, volume 3.14' }, compare: { headers: MV } },
    {
      name: 'X-OpenStack-Volume-API-Version alone is not read',
      method: 'GET',
      path: SNAPSHOT,
      headers: { 'X-OpenStack-Volume-API-Version': '3.14' },
      deviation: {
        reason: 'Cinder ignores the legacy header (3.0 body); Ember falls back to it when OpenStack-API-Version is absent (3.14 body: + group_snapshot_id), the leniency CINDER-API.md §2.1 suggests for gophercloud',
        cinder: { status: 200, fault: null },
        ember: { status: 200, fault: null },
      },
    },
  ]),
  ...group('auth and project', [
    { name: 'token project differs from the URL project (400 Malformed request url)', method: 'GET', path: SNAPSHOT, token: '{user}:{other_project}' },
    { name: 'a token without a colon is user = project', method: 'GET', path: SNAPSHOT, token: '{project}' },
    {
      name: 'no token on a project URL (noauth fake-token reply)',
      method: 'GET',
      path: '/v3/{project}/snapshots',
      token: null,
      deviation: {
        reason: "Cinder's noauth middleware answers a token-less request with 204 and a fake token (a POST creates nothing yet looks successful); Ember refuses with keystonemiddleware's 401 body",
        cinder: { status: 204, fault: null },
        ember: { status: 401, fault: 'error', message: 'The request you have made requires authentication.' },
      },
    },
    { name: 'project-less URL GET /v3/snapshots/{id}', method: 'GET', path: '/v3/snapshots/{snapshot}' },
    { name: 'project-less URL GET /v3/snapshots/detail', method: 'GET', path: '/v3/snapshots/detail', compare: { shape: false } },
    { name: 'a non-hex project segment is not routed (404)', method: 'GET', path: '/v3/admin/snapshots', token: '{user}:admin', deviation: UNROUTED },
    { name: 'an unknown path is not routed (404)', method: 'GET', path: '/v3/{project}/nonexistent', deviation: UNROUTED },
    { name: 'PATCH on a snapshot is not routed (404)', method: 'PATCH', path: SNAPSHOT, body: { snapshot: { name: 'x' } }, deviation: UNROUTED },
    { name: 'PUT on the snapshot collection is not routed (404)', method: 'PUT', path: '/v3/{project}/snapshots', body: { snapshot: { name: 'x' } }, deviation: UNROUTED },
    { name: 'DELETE on the snapshot collection is not routed (404)', method: 'DELETE', path: '/v3/{project}/snapshots', deviation: UNROUTED },
  ]),
];
