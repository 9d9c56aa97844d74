'use strict';

(() => {
  const TEXTS = {
    vi: {
      title: 'Đăng nhập', lead: 'Sổ thanh toán tiền điện không dùng tiền mặt',
      error: 'Sai tên đăng nhập hoặc mật khẩu.', signedOut: 'Bạn đã đăng xuất.',
      user: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập',
      page: 'Đăng nhập – Sổ thanh toán không dùng tiền mặt',
    },
    en: {
      title: 'Sign in', lead: 'Cashless electricity-bill payment ledger',
      error: 'Unknown user name or wrong password.', signedOut: 'You have signed out.',
      user: 'User name', password: 'Password', submit: 'Sign in',
      page: 'Sign in – Cashless payment ledger',
    },
  };
  let lang = Ledger.language();

  function show() {
    Ledger.translate(TEXTS, lang);
    document.title = TEXTS[lang].page;
  }

  document.querySelectorAll('[data-lang]').forEach(button => button.addEventListener('click', () => {
    lang = button.dataset.lang;
    Ledger.setLanguage(lang);
    show();
  }));
  const query = new URLSearchParams(location.search);
  document.getElementById('error').hidden = !query.has('error');
  document.getElementById('signed-out').hidden = !query.has('logout');
  show();

  Ledger.session().then(session => {
    Ledger.arm([document.getElementById('sign-in')], session.csrf);
    document.getElementById('submit').disabled = false;
  });
})();
