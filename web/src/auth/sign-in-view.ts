/** The sign-in screen: email + password, and a new password when Cognito asks for one. */
import type { WebConfig } from '../config.ts';
import { h, replaceChildren } from '../ui/dom.ts';
import { type AuthChallenge, initiateAuth, type SignInResult, setNewPassword } from './cognito.ts';

function input(id: string, label: string, attrs: Record<string, string | boolean>) {
  const control = h('input', { id, name: id, required: true, ...attrs });
  return { control, wrapper: h('div', { class: 'field' }, h('label', { for: id }, label), control) };
}

/**
 * Renders the sign-in form into `main`; calls `onSignedIn` with the id token.
 * `notice` is shown above the form (e.g. "your session ended").
 */
export function renderSignIn(
  main: HTMLElement,
  config: WebConfig,
  onSignedIn: (idToken: string) => void,
  notice?: string,
) {
  const email = input('email', 'Email', { type: 'email', autocomplete: 'username', spellcheck: 'false' });
  const password = input('password', 'Password', { type: 'password', autocomplete: 'current-password' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin-form', 'aria-labelledby': 'signin-heading' },
    email.wrapper,
    password.wrapper,
    error,
    submit,
  );

  const finish = (result: SignInResult) => {
    if ('tokens' in result) onSignedIn(result.tokens.idToken);
    else if (result.challenge === 'NEW_PASSWORD_REQUIRED')
      renderNewPassword(form, config, email.control.value.trim(), result, finish);
    else error.textContent = `Sign-in needs a step this app does not support (${result.challenge}).`;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!email.control.value.trim() || !password.control.value) {
      error.textContent = 'Enter your email and password.';
      (email.control.value.trim() ? password.control : email.control).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      finish(
        await initiateAuth(
          config.cognitoEndpoint,
          config.userPoolClientId,
          email.control.value.trim(),
          password.control.value,
        ),
      );
    } catch (failure) {
      error.textContent = (failure as Error).message;
      password.control.select();
      password.control.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });

  replaceChildren(
    main,
    h(
      'div',
      { class: 'signin' },
      h('h1', { id: 'signin-heading', tabindex: '-1' }, 'Sign in to Photos'),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      form,
    ),
  );
  email.control.focus();
}

/**
 * Replaces the sign-in form with the new-password form Cognito's NEW_PASSWORD_REQUIRED
 * challenge asks for; `finish` gets what Cognito answers.
 */
function renderNewPassword(
  signInForm: HTMLElement,
  config: WebConfig,
  username: string,
  challenge: AuthChallenge,
  finish: (result: SignInResult) => void,
) {
  const fresh = input('new-password', 'New password', { type: 'password', autocomplete: 'new-password' });
  const newError = h('p', { class: 'form-error', role: 'alert' });
  const newForm = h(
    'form',
    { class: 'signin-form' },
    h('p', {}, 'Your account has a temporary password. Choose a new one to continue.'),
    fresh.wrapper,
    newError,
    h('button', { type: 'submit', class: 'button button-primary' }, 'Set password and sign in'),
  );
  newForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      finish(
        await setNewPassword(
          config.cognitoEndpoint,
          config.userPoolClientId,
          username,
          fresh.control.value,
          challenge.session,
        ),
      );
    } catch (failure) {
      newError.textContent = (failure as Error).message;
      fresh.control.focus();
    }
  });
  signInForm.replaceWith(newForm);
  fresh.control.focus();
}
