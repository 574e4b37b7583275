/** An HTTP answer as the comparison sees it. */
export interface Answer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { status: res.status, headers, text, json };
}

/** A Cinder fault: `{"<name>": {"code": N, "message": "…"}}`. */
export interface Fault {
  name: string | null;
  message: string | null;
}

/**
 * The fault an answer carries. Non-fault error bodies are named by kind (`(html)`, `(empty)`, …)
 * so that a webob HTML 404 and a JSON `itemNotFound` differ.
 */
export function faultOf(a: Answer): Fault {
  const j = a.json;
  if (j !== null && typeof j === 'object' && !Array.isArray(j)) {
    const entries = Object.entries(j);
    if (entries.length === 1) {
      const [name, inner] = entries[0]!;
      if (inner !== null && typeof inner === 'object' && 'message' in inner) {
        const message = (inner as { message: unknown }).message;
        return { name, message: typeof message === 'string' ? message : JSON.stringify(message) };
      }
    }
  }
  if (a.status < 400) return { name: null, message: null };
  if (a.json !== undefined) return { name: '(json, not a fault)', message: a.text };
  if (a.text.trim() === '') return { name: '(empty)', message: null };
  const kind = /<html|<!doctype/i.test(a.text) ? '(html)' : '(text)';
  return { name: kind, message: a.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() };
}

/**
 * Values at a path: `snapshot.status`, `snapshots[].name`, `snapshots_links[].href`, `count`.
 * `[]` maps over an array; a missing step yields `<absent>`.
 */
export function valuesAt(json: unknown, path: string): unknown[] {
  let current: unknown[] = [json];
  for (const step of path.split('.')) {
    const each = step.endsWith('[]');
    const key = each ? step.slice(0, -2) : step;
    current = current.flatMap((v) => {
      const got = v !== null && typeof v === 'object' && key in v ? (v as Record<string, unknown>)[key] : '<absent>';
      if (!each) return [got];
      return Array.isArray(got) ? got : ['<absent>'];
    });
  }
  return current;
}
