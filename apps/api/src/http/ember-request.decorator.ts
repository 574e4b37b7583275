import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { EmberRequest } from './request-context.js';

/** Injects the request (with its `ember` context) into a controller method. */
export const Req = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<EmberRequest>());
