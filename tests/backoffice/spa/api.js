// JSON calls to /dvc/api; an expired session sends the official back to the sign-in page.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: { accept: 'application/json' }, ...options };
  if (options.body !== undefined) {
    init.method = options.method ?? 'POST';
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  const res = await fetch(`/dvc/api${path}`, init);
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && !path.startsWith('/auth/')) {
    window.dispatchEvent(new CustomEvent('dvc:unauthenticated'));
  }
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? `Lỗi ${res.status}`);
  return data;
}
