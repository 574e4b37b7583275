import type { VolumeViewOptions } from './volume-view.js';

/**
 * `self` (`<base>/v3[/<project>]/volumes/<id>`) and `bookmark` (the same without `/v3`) links, with the
 * project segment only when the request URL had one (`common.ViewBuilder._get_project_id_in_url`).
 */
export function volumeLinks(
  id: string,
  opts: Pick<VolumeViewOptions, 'baseUrl' | 'projectInUrl'>,
): Array<{ rel: string; href: string }> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const path = `${opts.projectInUrl ? `/${opts.projectInUrl}` : ''}/volumes/${id}`;
  return [
    { rel: 'self', href: `${base}/v3${path}` },
    { rel: 'bookmark', href: `${base}${path}` },
  ];
}
