/** A tiny Cinder v3 client for tests: JSON in, status + headers + JSON out. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function cinderClient(baseUrl: string, token: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'X-Auth-Token': token,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
}
