import type { ExampleOperation } from './example-operations';

/** JSON safe to put inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The GraphiQL page: docs explorer, headers editor, one tab per example operation (the first is
 * ProductList when the catalog is there). The access token of the last Login / Register /
 * RefreshToken run here is sent as `Authorization: Bearer …` unless the tab's headers set one.
 */
export function playgroundPage(options: { endpoint: string; assets: string; operations: ExampleOperation[] }): string {
  const order = (o: ExampleOperation) => (o.name === 'ProductList' ? 0 : o.kind === 'query' ? 1 : 2);
  const tabs = [...options.operations]
    .sort((a, b) => order(a) - order(b))
    .map((o) => ({ query: o.document, variables: JSON.stringify(o.variables, null, 2) }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commerce API · GraphiQL</title>
<link rel="stylesheet" href="${options.assets}/graphiql.min.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  #bar { display: flex; gap: 1rem; align-items: center; padding: .4rem .8rem; font-size: 13px; background: #f3f4f6; border-bottom: 1px solid #e5e7eb; }
  #bar code { background: #fff; padding: 0 .3rem; border-radius: 3px; }
  #bar button { font: inherit; cursor: pointer; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="bar">
  <strong>Commerce API</strong>
  <span id="auth">Guest. Run <code>Login</code> (demo: customer1@example.com / demo-customer-password) and its token is sent as <code>Authorization: Bearer …</code>; or set the header in the Headers editor below.</span>
  <button id="signout" hidden>Forget token</button>
</div>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${options.assets}/react.production.min.js"></script>
<script src="${options.assets}/react-dom.production.min.js"></script>
<script src="${options.assets}/graphiql.min.js"></script>
<script id="playground-tabs" type="application/json">${scriptJson(tabs)}</script>
<script>
(function () {
  var KEY = 'commerce-playground.accessToken';
  var tabs = JSON.parse(document.getElementById('playground-tabs').textContent);
  var auth = document.getElementById('auth');
  var signout = document.getElementById('signout');
  var guestText = auth.innerHTML;
  function show() {
    var token = sessionStorage.getItem(KEY);
    if (token) { auth.textContent = 'Signed in: requests carry the access token from your last Login (unless a tab sets Authorization).'; signout.hidden = false; }
    else { auth.innerHTML = guestText; signout.hidden = true; }
  }
  signout.onclick = function () { sessionStorage.removeItem(KEY); show(); };
  var base = GraphiQL.createFetcher({ url: new URL(${scriptJson(options.endpoint)}, location.href).toString() });
  function fetcher(params, opts) {
    var headers = Object.assign({}, (opts && opts.headers) || {});
    var token = sessionStorage.getItem(KEY);
    if (token && !Object.keys(headers).some(function (h) { return h.toLowerCase() === 'authorization'; })) headers.Authorization = 'Bearer ' + token;
    var result = base(params, Object.assign({}, opts, { headers: headers }));
    if (!result || typeof result.then !== 'function') return result;
    return result.then(function (r) {
      var d = r && r.data;
      var session = d && (d.login || d.register || d.refreshToken);
      if (session && session.accessToken) { sessionStorage.setItem(KEY, session.accessToken); show(); }
      if (d && d.logout && d.logout.success) { sessionStorage.removeItem(KEY); show(); }
      return r;
    });
  }
  show();
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      // GraphiQL fills the first tab's query from defaultTabs but not its variables
      variables: tabs.length ? tabs[0].variables : undefined,
      defaultEditorToolsVisibility: 'variables',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
</script>
</body>
</html>
`;
}
