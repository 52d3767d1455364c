// A teacher's campaigns: which lessons meet the standard, drafts with their materials, handing in, appeals, certificates.
import { api } from './site.js';

const campaignSelect = document.getElementById('campaign');
const message = document.getElementById('message');
const kinds = { design: '教学设计', courseware: '课件', worksheet: '学案', assessment: '评测练习' };
const accept = { design: '.pdf,.doc,.docx', courseware: '.ppt,.pptx,.pdf,.zip', worksheet: '.pdf,.doc,.docx', assessment: '.pdf,.doc,.docx' };
const states = {
  draft: '草稿（未提交）', submitted: '已提交，待分配评审', inreview: '评审中', scored: '评分完成',
  withdrawn: '已撤回', notpromoted: '未晋级', awarded: '已获奖',
};
let campaigns = [];

const item = (title, meta, ...actions) => {
  const li = document.createElement('li');
  li.className = 'result';
  li.append(Object.assign(document.createElement('div'), { className: 'title', textContent: title }),
    Object.assign(document.createElement('div'), { className: 'place', textContent: meta }), ...actions);
  return li;
};

const button = (text, onClick, testId) => {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  if (testId) b.dataset.testid = testId;
  b.onclick = async () => {
    b.disabled = true;
    try { await onClick(); } catch (error) { message.textContent = error.message; } finally { b.disabled = false; }
  };
  return b;
};

async function load() {
  const campaign = campaigns.find((c) => c.id === campaignSelect.value);
  if (!campaign) return;
  const windows = Object.entries(campaign.windows).map(([level, w]) => `${level}: ${w.opens ? new Date(w.opens).toLocaleDateString() : '…'} – ${w.closes ? new Date(w.closes).toLocaleString() : '…'}`);
  document.getElementById('campaign-rules').textContent = [
    `须提交：课堂实录、${campaign.requiredDocuments.map((d) => kinds[d]).join('、') || '无其他材料'}`,
    `时长 ${campaign.standard.minMinutes}–${campaign.standard.maxMinutes} 分钟，不低于 ${campaign.standard.minWidth}×${campaign.standard.minHeight}、${campaign.standard.minKbps} kbps`,
    ...windows,
  ].join(' · ');
  const [lessons, mine, certificates, ...notices] = await Promise.all([
    api(`/api/review/campaigns/${campaign.id}/lessons/mine`),
    api(`/api/review/campaigns/${campaign.id}/submissions/mine`),
    api('/api/review/certificates/mine'),
    ...campaign.levels.map((level) => api(`/api/review/campaigns/${campaign.id}/levels/${level}/notice`)),
  ]);
  document.getElementById('notices').replaceChildren(...notices.flat().map((n) => item(
    `${n.region ?? '全部地区'} · ${n.level} · ${n.published ? '结果已发布' : `公示至 ${new Date(n.endsAt).toLocaleString()}`}`,
    n.entries.map((e) => `${e.title}（${e.teacher ?? ''}，${e.school ?? ''}）`).join('；') || '无')));
  const titles = Object.fromEntries(lessons.map((l) => [l.lessonId, l.title]));
  document.getElementById('lessons').replaceChildren(...lessons.map((l) => item(
    l.title,
    `${l.minutes} 分钟 · ${l.width}×${l.height}${l.subject ? ` · ${l.subject}` : ''}${l.failures.length ? ` · 不符合：${l.failures.join(' ')}` : ''}`,
    ...(l.submitted || l.failures.length ? [] : [button('参评', async () => {
      await api(`/api/review/campaigns/${campaign.id}/submissions`, { method: 'POST', body: JSON.stringify({ lessonId: l.lessonId }) });
      message.textContent = '已创建草稿：上传材料后提交。';
      await load();
    }, 'enter')]))));
  document.getElementById('submissions').replaceChildren(...mine.map((s) => submission(s, titles[s.lessonId] ?? s.lessonId)));
  document.getElementById('certificates').replaceChildren(...certificates.map((c) => item(
    `${c.award} · ${c.campaign ?? ''}`, `${titles[c.lessonId] ?? c.lessonId} · 继续教育 ${c.hours} 学时 · ${new Date(c.issuedAt).toLocaleDateString()}`)));
}

function submission(s, title) {
  const meta = `${states[s.state] ?? s.state} · ${s.level}${s.award ? ` · ${s.award}` : ''}${s.missingDocuments.length ? ` · 缺少：${s.missingDocuments.map((d) => kinds[d]).join('、')}` : ''}`;
  const li = item(title, meta);
  li.dataset.submission = s.id;
  const editable = s.state === 'draft' || (s.state === 'submitted' && !s.award);
  const documents = document.createElement('div');
  documents.className = 'fields';
  for (const kind of Object.keys(kinds)) {
    const have = s.documents.find((d) => d.kind === kind);
    const label = Object.assign(document.createElement('label'), { textContent: `${kinds[kind]}：${have ? `${have.fileName}（${Math.ceil(have.sizeBytes / 1024)} KB）` : '未上传'}` });
    if (editable) {
      const input = Object.assign(document.createElement('input'), { type: 'file', accept: accept[kind] });
      input.dataset.kind = kind;
      input.onchange = async () => {
        const file = input.files[0];
        if (!file) return;
        try {
          await api(`/api/review/submissions/${s.id}/documents/${kind}?name=${encodeURIComponent(file.name)}`, { method: 'PUT', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
          message.textContent = `${kinds[kind]} 已上传。`;
          await load();
        } catch (error) {
          message.textContent = error.message;
        }
      };
      label.append(input);
    }
    documents.append(label);
  }
  li.append(documents);
  if (s.state === 'draft') {
    li.append(button('提交参评', async () => {
      await api(`/api/review/submissions/${s.id}/submit`, { method: 'POST' });
      message.textContent = '已提交。';
      await load();
    }, 'hand-in'));
  }
  if (editable) {
    li.append(button('撤回', async () => {
      await api(`/api/review/submissions/${s.id}`, { method: 'DELETE' });
      message.textContent = '已撤回。';
      await load();
    }));
  }
  if (s.state === 'inreview' || s.state === 'scored') {
    const reason = Object.assign(document.createElement('textarea'), { rows: 2, maxLength: 2000, placeholder: '公示期内可提出申诉，说明理由' });
    li.append(reason, button('申诉', async () => {
      await api(`/api/review/submissions/${s.id}/appeals`, { method: 'POST', body: JSON.stringify({ reason: reason.value }) });
      message.textContent = '申诉已提交。';
      await load();
    }));
  }
  for (const appeal of s.appeals) {
    li.append(Object.assign(document.createElement('p'), {
      className: 'tagline', textContent: `申诉（${appeal.outcome === 'open' ? '待处理' : appeal.outcome === 'upheld' ? '已支持' : '已驳回'}）：${appeal.reason}${appeal.resolution ? ` —— ${appeal.resolution}` : ''}`,
    }));
  }
  return li;
}

campaigns = await api('/api/review/campaigns');
document.getElementById('no-campaigns').hidden = campaigns.length > 0;
campaignSelect.replaceChildren(...campaigns.map((c) => Object.assign(document.createElement('option'), { value: c.id, textContent: `${c.year} ${c.name}` })));
campaignSelect.onchange = load;
await load();
