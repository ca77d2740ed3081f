// A small keep-alive HTTP client for the gridgov case API, shared by the crash test and bench/load_test.mjs.
// Each client binds its own loopback source address (127.0.0.N), as separate field devices would have: the
// server's write limits are per client address.
import http from 'node:http';

export const kPassword = 'Demo@2026';

// The case flow the demo logins can walk: each step is [login, op, extra body fields].
export const kFlow = [
    ['town', 'accept', {}],
    ['town', 'dispatch', {}],
    ['unit', 'sign', {}],
    ['unit', 'finish', { comment: '已处置' }],
    ['town', 'verify', { pass: true }],
    ['town', 'close', {}],
    ['town', 'rate', { satisfaction: 'satisfied' }],
];

export class Client {
    // base: "http://127.0.0.1:PORT"; source: local address to bind ("" = any).
    constructor(base, source = '') {
        const url = new URL(base);
        this.host = url.hostname;
        this.port = Number(url.port);
        this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, ...(source ? { localAddress: source } : {}) });
    }

    // Resolves {status, body (parsed JSON or null), ms}; rejects on a network error.
    request(method, path, token, body) {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers = { Accept: 'application/json' };
        if (token) headers.Authorization = `Bearer ${token}`;
        if (payload !== undefined) {
            headers['Content-Type'] = 'application/json';
            headers['Content-Length'] = Buffer.byteLength(payload);
        }
        const started = process.hrtime.bigint();
        return new Promise((resolve, reject) => {
            const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString('utf8');
                    let parsed = null;
                    try {
                        parsed = text ? JSON.parse(text) : null;
                    } catch {
                        parsed = null;
                    }
                    const ms = Number(process.hrtime.bigint() - started) / 1e6;
                    resolve({ status: res.statusCode, body: parsed, ms });
                });
                res.on('error', reject);
            });
            req.setTimeout(30000, () => req.destroy(new Error('timeout')));
            req.on('error', reject);
            if (payload !== undefined) req.write(payload);
            req.end();
        });
    }

    close() {
        this.agent.destroy();
    }
}

// Logs the demo accounts in; returns {login: token}.
export async function Login(base, logins) {
    const c = new Client(base);
    const tokens = {};
    for (const login of logins) {
        const r = await c.request('POST', '/api/v1/auth/login', '', { login, password: kPassword });
        if (r.status !== 200 || !r.body?.token) throw new Error(`login ${login}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
        tokens[login] = r.body.token;
    }
    c.close();
    return tokens;
}

// The body of a new report in the demo grid worker's grid (category routed to the demo unit).
export function NewCase(requestId) {
    return {
        category_code: 'housing.illegal',
        title: `可靠性测试 ${requestId}`,
        grid_code: '371423001011001',
        client_request_id: requestId,
    };
}

// Every case the county centre sees, with its history: [{...case, history}].
export async function AllCasesWithHistory(client, token) {
    const out = [];
    for (let page = 1; ; page++) {
        const r = await client.request('GET', `/api/v1/cases?page_size=500&page=${page}`, token);
        if (r.status !== 200) throw new Error(`list cases: HTTP ${r.status}`);
        for (const item of r.body.items) {
            const d = await client.request('GET', `/api/v1/cases/${item.id}`, token);
            if (d.status !== 200) throw new Error(`case ${item.id}: HTTP ${d.status}`);
            out.push(d.body);
        }
        if (page * 500 >= r.body.total) break;
    }
    return out;
}

// Problems with one case's own consistency: a first "report" row, one history row per version, the last row
// leading to the current state.
export function CaseProblems(c) {
    const problems = [];
    const h = c.history ?? [];
    if (h.length === 0 || h[0].op !== 'report') problems.push(`case ${c.id}: no report history row`);
    if (h.length !== c.version) problems.push(`case ${c.id}: ${h.length} history rows but version ${c.version}`);
    if (h.length > 0 && h[h.length - 1].to_state !== c.state) {
        problems.push(`case ${c.id}: last history row leads to ${h[h.length - 1].to_state} but state is ${c.state}`);
    }
    return problems;
}
