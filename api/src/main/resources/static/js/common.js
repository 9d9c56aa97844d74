// Shared by the sign-in page and the dashboard: the language, the number formats, the session.
'use strict';

const Ledger = (() => {
  const LANGUAGES = ['vi', 'en'];

  /** The language: ?lang= in the address, else the one chosen last time, else Vietnamese. */
  function language() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (LANGUAGES.includes(asked)) {
      localStorage.setItem('lang', asked);
      return asked;
    }
    const kept = localStorage.getItem('lang');
    return LANGUAGES.includes(kept) ? kept : 'vi';
  }

  function setLanguage(lang) {
    localStorage.setItem('lang', lang);
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
  }

  /** Fills every [data-t] element with its text in the language. */
  function translate(texts, lang) {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-t]').forEach(element => {
      const text = texts[lang][element.dataset.t];
      if (text !== undefined) {
        element.textContent = text;
      }
    });
    document.querySelectorAll('[data-t-placeholder]').forEach(element => {
      element.placeholder = texts[lang][element.dataset.tPlaceholder] || '';
    });
    document.querySelectorAll('[data-lang]').forEach(button => {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    });
  }

  // Numbers are written the Vietnamese way in either language: 35.371.338.276 ₫, 82,27%.
  const whole = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 0});
  const twoDecimals = new Intl.NumberFormat('vi-VN', {minimumFractionDigits: 2, maximumFractionDigits: 2});

  const format = {
    count: n => n === null || n === undefined ? '–' : whole.format(n),
    vnd: n => n === null || n === undefined ? '–' : whole.format(n) + '\u00a0₫',
    percent: n => n === null || n === undefined ? '–' : twoDecimals.format(n) + '%',
    /** Billions, for a chart's axis: 26 tỷ. */
    billions: (n, lang) => new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 1}).format(n / 1e9)
        + (lang === 'en' ? ' bn' : ' tỷ'),
  };

  /** Who is signed in, and the CSRF token a form post needs. */
  async function session() {
    const response = await fetch('/session', {headers: {'Accept': 'application/json'}, credentials: 'same-origin'});
    return response.json();
  }

  /** Puts the CSRF token in every form that posts. */
  function arm(forms, csrf) {
    forms.forEach(form => {
      let input = form.querySelector('input[name="' + csrf.parameterName + '"]');
      if (!input) {
        input = document.createElement('input');
        input.type = 'hidden';
        input.name = csrf.parameterName;
        form.appendChild(input);
      }
      input.value = csrf.token;
    });
  }

  return {language, setLanguage, translate, format, session, arm};
})();
