// The console's JSON API, with the session's CSRF token on every writing request.
import {fill, notice} from './dom.js';

let session = {authenticated: false, operator: false, csrf: null};

/** An API answer that is not 2xx; problem is the RFC 9457 body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `the console answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function answer(response) {
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : {detail: body || null});
  return body;
}

/** GET a JSON resource. */
export async function get(path) {
  return answer(await fetch(path, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}));
}

/** POST JSON (or text when body is a string and type is text/plain). */
export async function post(path, body, type = 'application/json') {
  const headers = {Accept: 'application/json', 'Content-Type': type};
  if (session.csrf) headers[session.csrf.header] = session.csrf.token;
  const payload = body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body;
  return answer(await fetch(path, {method: 'POST', headers, body: payload, credentials: 'same-origin'}));
}

/** Reads who is logged in and the CSRF token; call at start and after logging in. */
export async function loadSession() {
  session = await get('/api/session');
  return session;
}

export function currentSession() {
  return session;
}

/**
 * GETs a view's data; when that fails, shows why in el (never leaving the view blank) and returns null.
 * what names the data, e.g. 'topology'.
 */
export async function getOrExplain(path, el, what) {
  try {
    return await get(path);
  } catch (e) {
    fill(el, notice('bad', `No ${what} to show.`, e.message));
    return null;
  }
}
