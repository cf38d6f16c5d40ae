// The log-in form posts to Spring Security's /login; it needs the session's CSRF token first.
import {loadSession} from './api.js';

const form = document.getElementById('login');
const error = document.getElementById('login-error');
if (new URLSearchParams(location.search).has('error')) {
  error.className = 'notice bad';
  error.textContent = 'Wrong user or password.';
}
const submit = document.getElementById('login-submit');
submit.disabled = true;
loadSession().then(session => {
  form.elements._csrf.name = session.csrf.parameter;
  form.elements[session.csrf.parameter].value = session.csrf.token;
  submit.disabled = false;
}).catch(e => {
  error.className = 'notice bad';
  error.textContent = `The console cannot be reached: ${e.message}`;
});
