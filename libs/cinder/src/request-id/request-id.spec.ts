import { describe, expect, it } from 'vitest';
import { isRequestId, newRequestId } from './request-id.js';

describe('request ids', () => {
  it('are req- followed by a fresh uuid4', () => {
    const id = newRequestId();
    expect(id).toMatch(/^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(id);
  });

  it("accept inbound global ids only in oslo's lower-case req-<uuid> form", () => {
    expect(isRequestId('req-d578d00e-fa2c-45bd-ba56-c5d9c528ebb0')).toBe(true);
    expect(isRequestId(newRequestId())).toBe(true);
    expect(isRequestId('req-D578D00E-FA2C-45BD-BA56-C5D9C528EBB0')).toBe(false);
    expect(isRequestId('d578d00e-fa2c-45bd-ba56-c5d9c528ebb0')).toBe(false);
    expect(isRequestId('req-d578d00e-fa2c-45bd-ba56-c5d9c528ebb0 ')).toBe(false);
    expect(isRequestId(undefined)).toBe(false);
  });
});
