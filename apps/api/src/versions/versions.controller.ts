import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EmberConfig } from '#ember/config';
import { versionsDocument } from '#ember/cinder';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import type { EmberRequest } from '../http/request-context.js';

/** Version discovery: `GET /` (300, cinderclient) and `GET /v3/` (200, keystoneauth/openstacksdk). */
@Controller()
export class VersionsController {
  constructor(private readonly config: EmberConfig) {}

  @Get()
  @HttpCode(300)
  root(@Req() req: EmberRequest) {
    return versionsDocument(this.baseUrl(req));
  }

  @Get(['v3', 'v3/'])
  v3(@Req() req: EmberRequest, @Res({ passthrough: true }) res: Response) {
    res.status(200);
    return versionsDocument(this.baseUrl(req));
  }

  private baseUrl(req: EmberRequest): string {
    return baseUrlOf(req, this.config.publicEndpoint);
  }
}
