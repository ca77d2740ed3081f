// The client side of the crash test (crash_test.sh).
//   node crash_driver.mjs drive BASE ACKS WORKERS RUN  reports cases and walks them through the flow from WORKERS
//                                                     clients until the server goes away; every acknowledged write
//                                                     is appended to ACKS (one JSON line, written before the next
//                                                     request) and every report about to be sent as a "sent" line
//   node crash_driver.mjs verify BASE ACKS           after the restart: every acknowledged case and transition is
//                                                     there, every case is whole, a report retried with its
//                                                     client_request_id is answered with the same case
import fs from 'node:fs';
import { AllCasesWithHistory, CaseProblems, Client, kFlow, Login, NewCase } from './case_client.mjs';

const [mode, base, acksPath, workersArg, run] = process.argv.slice(2);

async function Drive() {
    const tokens = await Login(base, ['grid', 'town', 'unit']);
    const fd = fs.openSync(acksPath, 'a');
    const record = (line) => fs.writeSync(fd, JSON.stringify(line) + '\n');
    let acked = 0;
    const worker = async (w) => {
        const client = new Client(base, `127.0.0.${10 + w}`);
        // 429 (the per-client write limit) wrote nothing: a real client waits and sends the same request again.
        const send = async (...args) => {
            for (;;) {
                const r = await client.request(...args);
                if (r.status !== 429) return r;
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
        };
        try {
            for (let n = 0; ; n++) {
                const rid = `crash-${run}-${w}-${n}`;
                record({ sent: rid });
                const created = await send('POST', '/api/v1/cases', tokens.grid, NewCase(rid));
                if (created.status !== 201) throw new Error(`report: HTTP ${created.status} ${JSON.stringify(created.body)}`);
                let { id, version, state } = created.body;
                record({ rid, id, version, state });
                acked++;
                for (const [login, op, extra] of kFlow) {
                    const r = await send('POST', `/api/v1/cases/${id}/actions/${op}`, tokens[login], {
                        version,
                        ...extra,
                    });
                    if (r.status !== 200) throw new Error(`${op} case ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
                    ({ version, state } = r.body);
                    record({ id, version, state, op });
                    acked++;
                }
            }
        } catch (e) {
            client.close();
            // The server being killed is the expected end; an HTTP error before that is a failure.
            if (e.message.startsWith('report') || e.message.includes('HTTP')) throw e;
        }
    };
    const workers = Number(workersArg);
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    fs.closeSync(fd);
    console.log(`driver: ${acked} acknowledged writes before the server went away`);
}

async function Verify() {
    const lines = fs
        .readFileSync(acksPath, 'utf8')
        .split('\n')
        .filter((l) => l)
        .map((l) => JSON.parse(l));
    const tokens = await Login(base, ['county', 'grid']);
    const client = new Client(base, '127.0.0.9');
    const cases = new Map((await AllCasesWithHistory(client, tokens.county)).map((c) => [c.id, c]));
    const problems = [];
    for (const c of cases.values()) problems.push(...CaseProblems(c));

    const ackedVersion = new Map();  // id -> highest acknowledged {version, state}
    const ridToId = new Map();
    const sent = new Set();
    let writes = 0;
    for (const l of lines) {
        if (l.sent) {
            sent.add(l.sent);
            continue;
        }
        writes++;
        if (l.rid) ridToId.set(l.rid, l.id);
        const seen = ackedVersion.get(l.id);
        if (!seen || l.version > seen.version) ackedVersion.set(l.id, { version: l.version, state: l.state });
    }
    for (const [id, ack] of ackedVersion) {
        const c = cases.get(id);
        if (!c) {
            problems.push(`acknowledged case ${id} is missing`);
        } else if (c.version < ack.version) {
            problems.push(`case ${id}: version ${c.version} below the acknowledged ${ack.version}`);
        } else if (c.version === ack.version && c.state !== ack.state) {
            problems.push(`case ${id}: state ${c.state} but ${ack.state} was acknowledged at version ${ack.version}`);
        } else if ((c.history ?? []).slice(ack.version).filter((h) => h.actor !== 'system').length > 1) {
            // One unacknowledged write (the one the kill cut off) is possible; the server's own deadline scan
            // (rows by "system", e.g. a yellow warning written at the restart) may add more.
            problems.push(`case ${id}: more than one client write past the acknowledged version ${ack.version}`);
        }
    }
    // Retrying every report: acknowledged ones give the same case back (200); one in flight at the kill either
    // landed (200, and a case with that request id exists) or did not (201 now).
    let retried = 0;
    for (let i = 0, rids = [...sent]; i < rids.length; i++) {
        const rid = rids[i];
        const retry = new Client(base, `127.0.1.${1 + (i % 200)}`);
        const r = await retry.request('POST', '/api/v1/cases', tokens.grid, NewCase(rid));
        retry.close();
        retried++;
        if (ridToId.has(rid)) {
            if (r.status !== 200 || r.body.id !== ridToId.get(rid) || r.body.created !== false) {
                problems.push(`retried report ${rid}: HTTP ${r.status} id ${r.body?.id}, expected 200 and case ${ridToId.get(rid)}`);
            }
        } else if (r.status !== 200 && r.status !== 201) {
            problems.push(`retried unacknowledged report ${rid}: HTTP ${r.status}`);
        }
    }
    client.close();
    console.log(
        `verify: ${writes} acknowledged writes on ${ackedVersion.size} cases; ${cases.size} cases checked whole; ` +
            `${retried} reports retried; ${problems.length} problems`,
    );
    for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
    if (writes === 0) {
        console.log('  no write was acknowledged before the kill: the test proved nothing');
        process.exit(1);
    }
    process.exit(problems.length === 0 ? 0 : 1);
}

const main = mode === 'drive' ? Drive : Verify;
main().catch((e) => {
    console.error(`${mode}: ${e.stack ?? e}`);
    process.exit(1);
});
