// The level admin's desk: assign, watch scores come in, settle disputes, put results on notice, answer appeals, publish.
import { api } from './site.js';
import { drawBars } from './bars.js';

const campaignSelect = document.getElementById('campaign');
const levelSelect = document.getElementById('level');
const message = document.getElementById('message');
const levelNames = { school: '校级', county: '县级', city: '市级', province: '省级', ministry: '部级' };
let campaigns = [];

const cell = (text) => Object.assign(document.createElement('td'), { textContent: text });
const say = (text) => { message.textContent = text; };
const act = (fn) => async () => { try { await fn(); } catch (error) { say(error.message); } };

function fillCampaigns(selected) {
  campaignSelect.replaceChildren(...campaigns.map((c) => Object.assign(document.createElement('option'), { value: c.id, textContent: `${c.year} ${c.name}`, selected: c.id === selected })));
}

function fillLevels() {
  const campaign = campaigns.find((c) => c.id === campaignSelect.value);
  levelSelect.replaceChildren(...(campaign?.levels ?? []).map((l) => Object.assign(document.createElement('option'), { value: l, textContent: levelNames[l] })));
}

async function load() {
  const id = campaignSelect.value;
  const level = levelSelect.value;
  if (!id || !level) return;
  document.getElementById('csv').href = `/api/review/campaigns/${id}/statistics.csv`;
  const [results, appeals, statistics, targets, coverage] = await Promise.all([
    api(`/api/review/campaigns/${id}/results?level=${level}`),
    api(`/api/review/campaigns/${id}/appeals`),
    api(`/api/review/campaigns/${id}/statistics?level=${level}`),
    api(`/api/review/campaigns/${id}/targets`),
    api(`/api/catalog/coverage?award=${encodeURIComponent(`${levelNames[level]}优课`)}`).catch(() => null),
  ]);
  document.getElementById('results').replaceChildren(...results.map((r) => {
    const row = document.createElement('tr');
    row.dataset.submission = r.submissionId;
    const flags = [r.wouldGoUp ? '晋级' : '', r.disputed ? (r.arbitrated ? '已仲裁' : '分歧待仲裁') : '', r.pending ? `${r.pending} 份未评` : '', r.similarTo ? `疑似重复（${Math.round(r.similarity * 100)}%）` : ''];
    const actions = document.createElement('td');
    if (r.disputed) {
      const score = Object.assign(document.createElement('input'), { type: 'number', min: 0, step: 0.5, value: r.score, className: 'score-input' });
      const reason = Object.assign(document.createElement('input'), { placeholder: '仲裁理由' });
      const go = Object.assign(document.createElement('button'), { type: 'button', textContent: '仲裁' });
      go.onclick = act(async () => {
        await api(`/api/review/submissions/${r.submissionId}/arbitration`, { method: 'PUT', body: JSON.stringify({ score: Number(score.value), reason: reason.value }) });
        say('已仲裁。');
        await load();
      });
      actions.append(score, reason, go);
    }
    row.append(cell(r.rank), cell(r.title), cell(`${r.teacher ?? ''} · ${r.school ?? ''}`), cell(`${r.score}（${r.scores} 份）`), cell(flags.filter(Boolean).join(' · ')), actions);
    return row;
  }));
  document.getElementById('appeals').replaceChildren(...appeals.map(({ appeal, title }) => {
    const li = Object.assign(document.createElement('li'), { className: 'result' });
    li.append(Object.assign(document.createElement('div'), { className: 'title', textContent: `${title} · ${levelNames[appeal.level]}` }),
      Object.assign(document.createElement('div'), { className: 'place', textContent: `${appeal.reason}${appeal.resolution ? ` —— ${appeal.outcome}：${appeal.resolution}` : ''}` }));
    if (appeal.outcome === 'open') {
      const resolution = Object.assign(document.createElement('input'), { placeholder: '处理意见' });
      const score = Object.assign(document.createElement('input'), { type: 'number', min: 0, step: 0.5, placeholder: '调整后得分（可选）', className: 'score-input' });
      const decide = (upheld) => Object.assign(document.createElement('button'), {
        type: 'button', textContent: upheld ? '支持' : '驳回',
        onclick: act(async () => {
          await api(`/api/review/appeals/${appeal.id}`, { method: 'PUT', body: JSON.stringify({ upheld, resolution: resolution.value, score: upheld && score.value ? Number(score.value) : null }) });
          say('申诉已处理。');
          await load();
        }),
      });
      li.append(resolution, score, decide(true), decide(false));
    }
    return li;
  }));
  const figures = [['草稿', statistics.drafts], ['已提交', statistics.handedIn], ...statistics.levels.map((l) => [l.award, `${l.awarded} / ${l.entries}`]),
    ['平均分', statistics.meanScore ?? '–']];
  document.getElementById('figures').replaceChildren(...figures.map(([name, value]) => {
    const div = document.createElement('div');
    div.append(Object.assign(document.createElement('dt'), { textContent: name }), Object.assign(document.createElement('dd'), { textContent: value }));
    return div;
  }));
  drawBars(document.getElementById('scores'), statistics.scores.map((b) => ({ label: `${Math.round(b.from)}`, value: b.count })), '#2c7a7b');
  document.getElementById('reviewers').replaceChildren(...statistics.reviewers.map((r) => {
    const row = document.createElement('tr');
    row.append(cell(r.name), cell(r.assigned), cell(r.final), cell(r.declined));
    return row;
  }));
  document.getElementById('targets').replaceChildren(...targets.map((t) => Object.assign(document.createElement('li'), {
    className: 'result',
    textContent: `${t.organisation}：${t.submissions}${t.targetSubmissions ? ` / ${t.targetSubmissions} 节` : ' 节'}，教师参与 ${Math.round(t.teacherShare * 100)}%${t.targetTeacherShare ? ` / ${Math.round(t.targetTeacherShare * 100)}%` : ''} ${t.met ? '✔ 达标' : '未达标'}`,
  })));
  document.getElementById('coverage').replaceChildren(...(coverage?.byEdition ?? []).map((e) => Object.assign(document.createElement('li'), {
    className: 'result', textContent: `${e.edition}：${e.covered} / ${e.lessons} 课已有${coverage.award}`,
  })));
}

document.getElementById('assign').onclick = act(async () => {
  const summary = await api(`/api/review/campaigns/${campaignSelect.value}/assignments?level=${levelSelect.value}`, { method: 'POST' });
  say(`已分配：${summary.entries} 件参评课，${summary.assignments} 份评审任务${summary.entriesShortOfReviewers ? `，${summary.entriesShortOfReviewers} 件评审人数不足` : ''}。`);
  await load();
});
document.getElementById('notice').onclick = act(async () => {
  const until = document.getElementById('notice-until').value;
  const notice = await api(`/api/review/campaigns/${campaignSelect.value}/levels/${levelSelect.value}/notice`, { method: 'POST', body: JSON.stringify({ endsAt: new Date(until).toISOString() }) });
  say(`公示至 ${new Date(notice.endsAt).toLocaleString()}。`);
});
document.getElementById('publish').onclick = act(async () => {
  const published = await api(`/api/review/campaigns/${campaignSelect.value}/levels/${levelSelect.value}/publish`, { method: 'POST' });
  say(`已发布：${published.awarded.length} 件获${levelNames[levelSelect.value]}优课。`);
  await load();
});
campaignSelect.onchange = act(async () => { fillLevels(); await load(); });
levelSelect.onchange = act(load);
campaigns = await api('/api/review/campaigns');
document.getElementById('no-campaigns').hidden = campaigns.length > 0;
// The wizard opens this page with the campaign it created.
const asked = new URLSearchParams(location.search).get('campaign');
fillCampaigns(campaigns.some((c) => c.id === asked) ? asked : campaigns[0]?.id);
fillLevels();
await act(load)();
