// The level admin's desk: assign, watch scores come in, settle disputes, put results on notice, answer appeals, publish.
import { api } from './site.js';

const campaignSelect = document.getElementById('campaign');
const levelSelect = document.getElementById('level');
const message = document.getElementById('message');
const dashboard = document.querySelector('[data-vue-page="campaign-dashboard"]');
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
  // The dashboard (a Vue island) follows the pick: it reads it at start and hears every later one.
  Object.assign(dashboard.dataset, { campaign: id, level });
  dashboard.dispatchEvent(new CustomEvent('selected', { detail: { campaign: id, level } }));
  const [results, appeals] = await Promise.all([
    api(`/api/review/campaigns/${id}/results?level=${level}`),
    api(`/api/review/campaigns/${id}/appeals`),
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
