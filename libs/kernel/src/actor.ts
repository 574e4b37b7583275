/** Who is acting, as established by authentication (noauth token or Keystone). */
export interface Actor {
  userId: string;
  projectId: string;
  roles: string[];
  isAdmin: boolean;
}

/** Per-request facts that go into every event's metadata. */
export interface RequestInfo {
  requestId: string;
  globalRequestId?: string;
  authMode: string;
  clientAddress?: string;
  /** The API process that took the request (`host:pid`, see instanceId). */
  instance?: string;
}

/** Everything a command needs to know about who asked and in which request. */
export interface CommandContext {
  actor: Actor;
  request: RequestInfo;
}
