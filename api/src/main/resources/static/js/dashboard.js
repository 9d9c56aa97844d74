'use strict';

// The dashboard: reads the JSON API (signed in by the session cookie) and draws it. Nothing here computes a figure
// the API does not give; it only formats them.
(() => {
  const TEXTS = {
    vi: {
      app: 'Thanh toán tiền điện không dùng tiền mặt', signOut: 'Đăng xuất', branch: 'Điện lực',
      branchHint: 'Mã, ví dụ BM', periodKind: 'Kỳ báo cáo', month: 'Tháng', quarter: 'Quý', half: 'Nửa năm',
      year: 'Năm', part: 'Kỳ', yearLabel: 'Năm', show: 'Xem', download: 'Tải bảng tính (.xlsx)',
      progress: 'Tiến độ thực hiện kế hoạch', communes: 'Xã, thị trấn', commune: 'Xã, thị trấn',
      customers: 'Khách hàng', payments: 'Lượt thanh toán', amount: 'Số tiền thu',
      cashlessAmount: 'Số tiền không dùng tiền mặt', amountRatio: 'Tỷ lệ số tiền KDTM',
      paymentRatio: 'Tỷ lệ lượt KDTM', status: 'Trạng thái', channels: 'Thanh toán theo kênh', channel: 'Kênh',
      provider: 'Đơn vị, kênh', company: 'Toàn công ty', achievement: 'Đạt kế hoạch (số tiền)',
      covered: 'Đã có KDTM', uncovered: 'Chưa có KDTM', excluded: 'Không tính',
      coverage: (covered, total, ratio) => `Đã có thanh toán không dùng tiền mặt: <strong>${covered}/${total}</strong>`
          + ` xã, thị trấn (${ratio})`,
      target: 'Kế hoạch', actual: 'Thực hiện', reached: 'đạt', noTarget: 'chưa giao',
      indicator: {
        cashlessAmountRatio: 'Tỷ lệ số tiền thanh toán không dùng tiền mặt',
        cashlessPaymentRatio: 'Tỷ lệ lượt khách hàng thanh toán không dùng tiền mặt',
        zaloRegistrations: 'Khách hàng nhận thông báo qua Zalo',
        communeCoverage: 'Xã, thị trấn có thanh toán không dùng tiền mặt',
      },
      totals: {
        amount: 'Tổng số tiền thu', cashlessAmount: 'Số tiền không dùng tiền mặt',
        payments: 'Lượt khách hàng thanh toán', cashlessPayments: 'Lượt không dùng tiền mặt',
        cashlessCustomers: 'Khách hàng thanh toán không dùng tiền mặt',
      },
      kinds: {BANK: 'Ngân hàng', E_WALLET: 'Ví điện tử', INTERMEDIARY: 'Tổ chức trung gian',
        COUNTER: 'Quầy thu', COLLECTOR: 'Thu tại nhà'},
      cashless: 'không dùng tiền mặt', cash: 'không tính KDTM', total: 'Cộng',
      periodName: p => p.kind === 'year' ? `Năm ${p.year}`
          : p.kind === 'half' ? `6 tháng ${p.part === 1 ? 'đầu' : 'cuối'} năm ${p.year}`
          : p.kind === 'quarter' ? `Quý ${p.part}/${p.year}` : `Tháng ${p.part}/${p.year}`,
      partName: (kind, n) => kind === 'half' ? (n === 1 ? '6 tháng đầu' : '6 tháng cuối')
          : kind === 'quarter' ? `Quý ${n}` : `Tháng ${n}`,
      noBranch: 'Nhập mã điện lực (ví dụ BM) rồi bấm Xem.',
      branchNotFound: code => `Không có điện lực ${code}.`,
      forbidden: 'Tài khoản này không được xem số liệu này.',
      noPlan: 'Chưa có kế hoạch giao cho kỳ này.',
      failed: status => `Máy chủ trả lời ${status}; thử lại sau.`,
      companyMissing: 'Máy chủ này chưa có báo cáo toàn công ty.',
      companyForbidden: 'Tài khoản này chỉ xem được điện lực của mình.',
      amountAxis: 'Số tiền thu',
      notices: 'Thông báo tiền điện', sent: 'Đã gửi', delivered: 'Đã đến khách hàng', failed: 'Lần gửi lỗi',
      fallenBack: 'Chuyển sang kênh khác', cost: 'Chi phí',
      noticeChannels: {ZALO: 'Zalo', APP: 'Ứng dụng CSKH', SMS: 'SMS', EMAIL: 'Thư điện tử'},
      noNotices: 'Chưa có thông báo nào cho hóa đơn của kỳ này.',
      reachedShare: (reached, notified, share) => `Khách hàng nhận thông báo qua Zalo hoặc ứng dụng CSKH: `
          + `<strong>${reached}/${notified}</strong> (${share})`,
      zaloTarget: (actual, target) => `Khách hàng đăng ký nhận thông báo qua Zalo: ${actual}, kế hoạch ${target}`,
    },
    en: {
      app: 'Cashless electricity-bill payment', signOut: 'Sign out', branch: 'Branch',
      branchHint: 'Code, e.g. BM', periodKind: 'Period', month: 'Month', quarter: 'Quarter', half: 'Half year',
      year: 'Year', part: 'Part', yearLabel: 'Year', show: 'Show', download: 'Download spreadsheet (.xlsx)',
      progress: 'Progress against the plan', communes: 'Communes and towns', commune: 'Commune / town',
      customers: 'Customers', payments: 'Customer-payments', amount: 'Amount collected',
      cashlessAmount: 'Cashless amount', amountRatio: 'Cashless share of amount',
      paymentRatio: 'Cashless share of payments', status: 'Status', channels: 'Payments by channel',
      channel: 'Channel', provider: 'Provider, channel', company: 'Whole company', achievement: 'Plan achieved (amount)',
      covered: 'Covered', uncovered: 'Not covered', excluded: 'Not counted',
      coverage: (covered, total, ratio) => `Paying cashless: <strong>${covered}/${total}</strong>`
          + ` communes and towns (${ratio})`,
      target: 'Target', actual: 'Actual', reached: 'reached', noTarget: 'no target',
      indicator: {
        cashlessAmountRatio: 'Cashless share of the amount collected',
        cashlessPaymentRatio: 'Cashless share of customer-payments',
        zaloRegistrations: 'Customers notified through Zalo',
        communeCoverage: 'Communes and towns paying cashless',
      },
      totals: {
        amount: 'Amount collected', cashlessAmount: 'Cashless amount', payments: 'Customer-payments',
        cashlessPayments: 'Cashless customer-payments', cashlessCustomers: 'Customers paying cashless',
      },
      kinds: {BANK: 'Bank', E_WALLET: 'E-wallet', INTERMEDIARY: 'Intermediary', COUNTER: 'Counter',
        COLLECTOR: 'Collector'},
      cashless: 'cashless', cash: 'not counted as cashless', total: 'Total',
      periodName: p => p.kind === 'year' ? `Year ${p.year}` : p.kind === 'half' ? `H${p.part} ${p.year}`
          : p.kind === 'quarter' ? `Q${p.part} ${p.year}`
          : new Date(p.year, p.part - 1, 1).toLocaleString('en-GB', {month: 'long', year: 'numeric'}),
      partName: (kind, n) => kind === 'half' ? (n === 1 ? 'First half (H1)' : 'Second half (H2)')
          : kind === 'quarter' ? `Q${n}` : new Date(2000, n - 1, 1).toLocaleString('en-GB', {month: 'long'}),
      noBranch: 'Type a branch code (e.g. BM) and press Show.',
      branchNotFound: code => `There is no branch ${code}.`,
      forbidden: 'This account may not see these figures.',
      noPlan: 'No plan has been assigned for this period.',
      failed: status => `The server answered ${status}; try again later.`,
      companyMissing: 'This server has no company-wide report yet.',
      companyForbidden: 'This account sees its own branches only.',
      amountAxis: 'Amount collected',
      notices: 'Bill notices', sent: 'Sent', delivered: 'Delivered', failed: 'Failed tries',
      fallenBack: 'Fallen back', cost: 'Cost',
      noticeChannels: {ZALO: 'Zalo', APP: 'Customer-care app', SMS: 'SMS', EMAIL: 'E-mail'},
      noNotices: 'No notices for the bills of this period yet.',
      reachedShare: (reached, notified, share) => `Customers reached by Zalo or the customer-care app: `
          + `<strong>${reached}/${notified}</strong> (${share})`,
      zaloTarget: (actual, target) => `Customers registered for Zalo notices: ${actual}, target ${target}`,
    },
  };
  const INDICATOR_ORDER = ['cashlessAmountRatio', 'cashlessPaymentRatio', 'communeCoverage', 'zaloRegistrations'];
  const KIND_COLOURS = {BANK: '#0b5394', E_WALLET: '#8e44ad', INTERMEDIARY: '#d9822b', COUNTER: '#7b8794',
    COLLECTOR: '#a5b0bb'};
  const f = Ledger.format;

  let lang = Ledger.language();
  let chart = null;
  /** The last answers, so that a change of language redraws without asking again. */
  let shown = null;

  const $ = id => document.getElementById(id);
  const t = () => TEXTS[lang];

  // ----- the period: 2021-06, 2021-Q2, 2021-H1, 2021 -----

  function parsePeriod(text) {
    let m;
    if ((m = /^(\d{4})$/.exec(text))) return {kind: 'year', year: +m[1], part: 1};
    if ((m = /^(\d{4})-H([12])$/.exec(text))) return {kind: 'half', year: +m[1], part: +m[2]};
    if ((m = /^(\d{4})-Q([1-4])$/.exec(text))) return {kind: 'quarter', year: +m[1], part: +m[2]};
    if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text))) return {kind: 'month', year: +m[1], part: +m[2]};
    return null;
  }

  function periodText(p) {
    return p.kind === 'year' ? `${p.year}` : p.kind === 'half' ? `${p.year}-H${p.part}`
        : p.kind === 'quarter' ? `${p.year}-Q${p.part}` : `${p.year}-${String(p.part).padStart(2, '0')}`;
  }

  /** Without one in the address: the half year we are in. */
  function defaultPeriod() {
    const now = new Date();
    return {kind: 'half', year: now.getFullYear(), part: now.getMonth() < 6 ? 1 : 2};
  }

  function fillParts(kind, selected) {
    const select = $('period-part');
    const count = {month: 12, quarter: 4, half: 2, year: 0}[kind];
    select.innerHTML = '';
    for (let n = 1; n <= count; n++) {
      const option = document.createElement('option');
      option.value = String(n);
      option.textContent = t().partName(kind, n);
      select.appendChild(option);
    }
    select.value = String(Math.min(Math.max(selected || 1, 1), Math.max(count, 1)));
    $('period-part-label').hidden = count === 0;
  }

  function selectedPeriod() {
    return {kind: $('period-kind').value, year: +$('period-year').value, part: +$('period-part').value || 1};
  }

  function showPeriod(p) {
    $('period-kind').value = p.kind;
    $('period-year').value = p.year;
    fillParts(p.kind, p.part);
  }

  // ----- the API -----

  async function api(path) {
    const response = await fetch(path, {
      headers: {'Accept': 'application/json', 'X-Requested-With': 'fetch'}, credentials: 'same-origin',
    });
    if (response.status === 401) {
      // The session ended: sign in again and come back here.
      location.assign('/login');
      throw new Error('signed out');
    }
    let body = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      body = await response.json();
    }
    return {status: response.status, body};
  }

  // ----- drawing -----

  function message(element, text, error) {
    element.textContent = text || '';
    element.hidden = !text;
    element.classList.toggle('error', !!error);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function drawProgress(progress) {
    const box = $('indicators');
    const totals = $('totals');
    box.innerHTML = '';
    totals.innerHTML = '';
    if (progress.status === 404) {
      message($('progress-message'), t().noPlan);
      return;
    }
    if (progress.status !== 200) {
      message($('progress-message'), progress.status === 403 ? t().forbidden : t().failed(progress.status), true);
      return;
    }
    message($('progress-message'), null);
    const byName = Object.fromEntries(progress.body.indicators.map(i => [i.name, i]));
    const names = INDICATOR_ORDER.filter(n => byName[n]).concat(
        progress.body.indicators.map(i => i.name).filter(n => !INDICATOR_ORDER.includes(n)));
    for (const name of names) {
      const indicator = byName[name];
      const count = name === 'zaloRegistrations';
      const show = value => count ? f.count(value) : f.percent(value);
      const achievement = indicator.achievement === null ? null : Number(indicator.achievement);
      const div = document.createElement('div');
      div.className = 'indicator' + (achievement !== null && achievement >= 100 ? ' met' : '');
      div.id = 'indicator-' + name;
      div.innerHTML = `<div class="name"></div>
        <div class="headline"><b class="actual"></b><span class="achievement"></span></div>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"><div class="fill"></div></div>
        <div class="figures"><span class="label-target"></span> <span class="target"></span></div>`;
      div.querySelector('.name').textContent = t().indicator[name] || name;
      div.querySelector('.actual').textContent = show(indicator.actual);
      div.querySelector('.label-target').textContent = t().target;
      div.querySelector('.target').textContent = indicator.target === null ? t().noTarget : show(indicator.target);
      div.querySelector('.achievement').textContent = achievement === null ? ''
          : `${t().reached} ${f.percent(achievement)}`;
      const width = achievement === null ? 0 : Math.min(100, Math.max(0, achievement));
      div.querySelector('.fill').style.width = width + '%';
      div.querySelector('.bar').setAttribute('aria-valuenow', String(width));
      box.appendChild(div);
    }
    const total = progress.body.totals;
    const figures = [['amount', f.vnd(total.amount)], ['cashlessAmount', f.vnd(total.cashlessAmount)],
      ['payments', f.count(total.payments)], ['cashlessPayments', f.count(total.cashlessPayments)],
      ['cashlessCustomers', f.count(total.cashlessCustomers)]];
    for (const [key, value] of figures) {
      const div = document.createElement('div');
      div.className = 'total';
      div.id = 'total-' + key;
      div.innerHTML = '<div class="label"></div><div class="value"></div>';
      div.querySelector('.label').textContent = t().totals[key];
      div.querySelector('.value').textContent = value;
      totals.appendChild(div);
    }
  }

  function drawCommunes(coverage) {
    const body = $('communes').querySelector('tbody');
    body.innerHTML = '';
    if (coverage.status !== 200) {
      $('coverage').textContent = '';
      return;
    }
    const c = coverage.body;
    const p = $('coverage');
    p.innerHTML = t().coverage(c.coveredCommunes, c.totalCommunes, f.percent(c.coverageRatio));
    p.classList.toggle('short', c.coveredCommunes < c.totalCommunes);
    for (const commune of c.communes) {
      const row = document.createElement('tr');
      row.dataset.commune = commune.code;
      cell(row, commune.name);
      cell(row, f.count(commune.customers), 'number');
      cell(row, f.count(commune.payments), 'number');
      cell(row, f.vnd(commune.amount), 'number');
      cell(row, f.percent(commune.cashlessAmountRatio), 'number');
      cell(row, f.percent(commune.cashlessPaymentRatio), 'number');
      const status = cell(row, '');
      const badge = document.createElement('span');
      const state = !commune.countsForCoverage ? 'excluded' : commune.covered ? 'covered' : 'uncovered';
      badge.className = 'badge ' + state;
      badge.textContent = t()[state];
      status.appendChild(badge);
      body.appendChild(row);
    }
  }

  function drawChannels(channels) {
    const body = $('channels').querySelector('tbody');
    body.innerHTML = '';
    if (chart) {
      chart.destroy();
      chart = null;
    }
    if (channels.status !== 200) return;
    const list = channels.body.channels.slice().sort((a, b) => b.amount - a.amount);
    for (const c of list) {
      const row = document.createElement('tr');
      const who = cell(row, c.provider);
      const kind = document.createElement('div');
      kind.className = 'kind';
      kind.textContent = (t().kinds[c.kind] || c.kind) + (c.cashless ? '' : ` · ${t().cash}`);
      who.appendChild(kind);
      cell(row, f.count(c.payments), 'number');
      cell(row, f.vnd(c.amount), 'number');
      body.appendChild(row);
    }
    if (typeof Chart === 'undefined') return;
    // One dataset per kind, stacked, so that the legend names the kinds and each provider has one bar.
    const kinds = [...new Set(list.map(c => c.kind))];
    $('channels-chart').parentElement.style.height = (90 + 26 * list.length) + 'px';
    chart = new Chart($('channels-chart'), {
      type: 'bar',
      data: {
        labels: list.map(c => c.provider),
        datasets: kinds.map(kind => ({
          label: (t().kinds[kind] || kind) + (list.find(c => c.kind === kind).cashless ? '' : ` (${t().cash})`),
          data: list.map(c => c.kind === kind ? c.amount : null),
          backgroundColor: KIND_COLOURS[kind] || '#52606d',
        })),
      },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: {stacked: true, ticks: {callback: value => f.billions(value, lang)},
            title: {display: true, text: t().amountAxis}},
          y: {stacked: true, ticks: {autoSkip: false}},
        },
        plugins: {
          legend: {position: 'bottom'},
          tooltip: {callbacks: {label: item => {
            const c = list[item.dataIndex];
            return `${f.vnd(c.amount)} · ${f.count(c.payments)} ${t().payments.toLowerCase()}`;
          }}},
        },
      },
    });
    $('channels-chart').setAttribute('aria-label', t().channels);
  }

  /** Messages per channel for the period's bills, and the share of customers reached by Zalo or the app. */
  function drawNotices(notices) {
    const table = $('notices');
    const body = table.querySelector('tbody');
    const foot = table.querySelector('tfoot');
    body.innerHTML = '';
    foot.innerHTML = '';
    const share = $('notices-share');
    share.innerHTML = '';
    if (!notices || notices.status !== 200 || !notices.body) {
      table.hidden = true;
      const status = notices ? notices.status : 404;
      message($('notices-message'), status === 403 ? t().forbidden : t().failed(status), true);
      return;
    }
    const n = notices.body;
    const row = (target, label, c, id) => {
      const tr = document.createElement('tr');
      if (id) tr.dataset.channel = id;
      cell(tr, label);
      cell(tr, f.count(c.sent), 'number');
      cell(tr, f.count(c.delivered), 'number');
      cell(tr, f.count(c.failed), 'number');
      cell(tr, f.count(c.fallenBack), 'number');
      cell(tr, f.vnd(c.costVnd), 'number');
      target.appendChild(tr);
    };
    const empty = n.customersNotified === 0 && n.totals.sent === 0 && n.totals.failed === 0;
    table.hidden = empty;
    message($('notices-message'), empty ? t().noNotices : null);
    if (!empty) {
      for (const c of n.channels) {
        row(body, t().noticeChannels[c.channel] || c.channel, c, c.channel);
      }
      row(foot, t().total, n.totals);
      const p = document.createElement('p');
      p.id = 'notices-reached';
      p.innerHTML = t().reachedShare(f.count(n.customersReachedByZaloOrApp), f.count(n.customersNotified),
          f.percent(n.reachedByZaloOrAppShare));
      share.appendChild(p);
    }
    const zalo = document.createElement('p');
    zalo.id = 'notices-zalo';
    zalo.textContent = t().zaloTarget(f.count(n.zaloRegistrations),
        n.zaloRegistrationsTarget === null ? t().noTarget : f.count(n.zaloRegistrationsTarget));
    share.appendChild(zalo);
  }

  /** Each branch's progress and the company's total, when the server has that report. */
  function drawCompany(company, name) {
    const table = $('company');
    const body = table.querySelector('tbody');
    const foot = table.querySelector('tfoot');
    body.innerHTML = '';
    foot.innerHTML = '';
    $('company-name').textContent = name ? `(${name})` : '';
    if (!company || company.status !== 200 || !company.body) {
      table.hidden = true;
      const status = company ? company.status : 404;
      message($('company-message'), status === 403 ? t().companyForbidden
          : status === 404 || status === 405 ? t().companyMissing : t().failed(status));
      return;
    }
    message($('company-message'), null);
    table.hidden = false;
    const data = company.body;
    const row = (target, entry, label, code) => {
      const totals = entry.totals || entry;
      // a branch's plan, if it has one for the period; the company's total has none
      const indicators = (entry.plan && entry.plan.indicators) || entry.indicators || [];
      const amount = indicators.find(i => i.name === 'cashlessAmountRatio');
      const tr = document.createElement('tr');
      const first = cell(tr, code ? '' : label);
      if (code) {
        // Each branch opens its own dashboard for the same period.
        const link = document.createElement('a');
        link.href = `/?branch=${encodeURIComponent(code)}&period=${periodText(shown.period)}`;
        link.textContent = label;
        first.appendChild(link);
        tr.classList.toggle('current', code === shown.branch.code);
      }
      cell(tr, f.vnd(totals.amount), 'number');
      cell(tr, f.vnd(totals.cashlessAmount), 'number');
      cell(tr, f.percent(totals.cashlessAmountRatio), 'number');
      cell(tr, f.percent(totals.cashlessPaymentRatio), 'number');
      cell(tr, amount && amount.achievement !== null ? f.percent(amount.achievement) : '–', 'number');
      target.appendChild(tr);
    };
    for (const entry of data.branches || data.items || []) {
      const code = entry.branch || entry.code || '';
      const label = entry.name || entry.branchName;
      row(body, entry, label ? `${label} (${code})` : code, code);
    }
    // the company's own figures: summed over every branch (not only the page shown), ratios from the sums
    if (data.totals && typeof data.totals === 'object') {
      row(foot, data, t().total);
    }
  }

  function draw() {
    if (!shown) return;
    const {branch, period, progress, coverage, channels, notices, company, companyName} = shown;
    $('heading').textContent = `${branch.name} (${branch.code}) · ${t().periodName(period)}`;
    drawProgress(progress);
    drawCommunes(coverage);
    drawChannels(channels);
    drawNotices(notices);
    drawCompany(company, companyName);
  }

  function clear(text, error) {
    shown = null;
    $('heading').textContent = '';
    message($('message'), text, error);
    for (const id of ['progress-section', 'communes-section', 'channels-section', 'notices-section',
      'company-section']) {
      $(id).hidden = true;
    }
  }

  async function load(code, period) {
    const p = periodText(period);
    const url = new URL(location.href);
    url.searchParams.set('branch', code);
    url.searchParams.set('period', p);
    history.replaceState(null, '', url);
    $('download').href = `/api/branches/${encodeURIComponent(code)}/report.xlsx?period=${p}`;
    document.body.dataset.state = 'loading';
    const branch = await api(`/api/branches/${encodeURIComponent(code)}`);
    if (branch.status !== 200) {
      clear(branch.status === 404 ? t().branchNotFound(code)
          : branch.status === 403 ? t().forbidden : t().failed(branch.status), true);
      document.body.dataset.state = 'shown';
      return;
    }
    const b = encodeURIComponent(branch.body.code);
    const companyCode = branch.body.companyCode || branch.body.company;
    const [progress, coverage, channels, notices, company] = await Promise.all([
      api(`/api/plans/${b}/${p}/progress`),
      api(`/api/branches/${b}/coverage?period=${p}`),
      api(`/api/branches/${b}/channels?period=${p}`),
      api(`/api/branches/${b}/notices?period=${p}`),
      companyCode ? api(`/api/companies/${encodeURIComponent(companyCode)}/progress?period=${p}`)
          : Promise.resolve(null),
    ]);
    message($('message'), null);
    for (const id of ['progress-section', 'communes-section', 'channels-section', 'notices-section',
      'company-section']) {
      $(id).hidden = false;
    }
    shown = {branch: branch.body, period, progress, coverage, channels, notices, company,
      companyName: branch.body.company};
    draw();
    document.body.dataset.state = 'shown';
  }

  /** The branches the server lists, if it has that list: offered as the input's suggestions. */
  async function offerBranches() {
    const list = await api('/api/branches?size=500').catch(() => null);
    if (!list || list.status !== 200 || !list.body) return [];
    const items = Array.isArray(list.body) ? list.body : list.body.items || [];
    const datalist = $('branch-list');
    datalist.innerHTML = '';
    for (const item of items) {
      const option = document.createElement('option');
      option.value = item.code;
      option.label = item.name || item.code;
      datalist.appendChild(option);
    }
    return items.map(item => item.code);
  }

  function translateAll() {
    Ledger.translate(TEXTS, lang);
    document.title = t().app;
    const kind = $('period-kind').value;
    fillParts(kind, +$('period-part').value);
  }

  async function start() {
    const session = await Ledger.session();
    if (!session.user) {
      location.assign('/login');
      return;
    }
    $('user').textContent = session.user;
    Ledger.arm([$('sign-out')], session.csrf);
    const query = new URLSearchParams(location.search);
    const period = parsePeriod(query.get('period') || '') || defaultPeriod();
    showPeriod(period);
    translateAll();
    const offered = await offerBranches();
    const code = (query.get('branch') || session.branches[0] || (offered.length === 1 ? offered[0] : '') || '')
        .trim().toUpperCase();
    $('branch').value = code;
    if (code) {
      await load(code, period);
    } else {
      clear(t().noBranch);
      document.body.dataset.state = 'shown';
    }
  }

  $('period-kind').addEventListener('change', () => fillParts($('period-kind').value, 1));
  $('selector').addEventListener('submit', event => {
    event.preventDefault();
    const code = $('branch').value.trim().toUpperCase();
    if (code) load(code, selectedPeriod());
  });
  document.querySelectorAll('[data-lang]').forEach(button => button.addEventListener('click', () => {
    lang = button.dataset.lang;
    Ledger.setLanguage(lang);
    translateAll();
    draw();
  }));

  start().catch(error => {
    if (error.message !== 'signed out') {
      message($('message'), String(error), true);
    }
  });
})();
