// One lesson in a result list: title (with the server's highlight markup), textbook place, teacher, counts.
const stars = (rating) => '★'.repeat(Math.round(rating)) + '☆'.repeat(5 - Math.round(rating));

export function lessonCard(item, labels, { reason } = {}) {
  const li = document.createElement('li');
  li.className = 'result';
  li.dataset.id = item.id;
  const title = document.createElement('a');
  title.href = `/lessons/${item.id}`;
  title.className = 'title';
  // highlight is HTML-encoded by the server except for its <em> marks.
  title.innerHTML = item.highlight ?? '';
  if (!item.highlight) title.textContent = item.title;
  const place = document.createElement('div');
  place.className = 'place';
  place.textContent = [item.stage, item.grade, item.subject, item.edition, item.volume, item.unit].filter(Boolean).join(' · ');
  const who = document.createElement('div');
  who.className = 'who';
  who.textContent = [item.teacher, item.teacherTitle, item.school, item.awardLevel, item.year].filter(Boolean).join(' · ');
  const counts = document.createElement('div');
  counts.className = 'counts';
  counts.textContent = `${stars(item.rating)} ${item.rating ? item.rating.toFixed(1) : ''} · ${labels.Views} ${item.views} · ${labels.Downloads} ${item.downloads}`;
  li.append(title, place, who, counts);
  if (item.hasVideo === false) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.testid = 'no-video';
    badge.textContent = labels.NoVideo;
    title.after(badge);
  }
  if (item.snippet) {
    const snippet = document.createElement('p');
    snippet.className = 'snippet';
    snippet.innerHTML = item.snippet;
    li.append(snippet);
  }
  // Where inside the lesson the words are said or shown: each opens the player at that moment.
  if (item.moments?.length) {
    const moments = document.createElement('ul');
    moments.className = 'moments';
    moments.dataset.testid = 'moments';
    for (const moment of item.moments) {
      const entry = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/lessons/${item.id}?t=${Math.floor(moment.startSeconds)}`;
      const time = `${Math.floor(moment.startSeconds / 60)}:${String(Math.floor(moment.startSeconds % 60)).padStart(2, '0')}`;
      const kind = moment.source === 'screen' ? labels.ScreenText : labels.Captions;
      // The line is HTML-encoded by the server except for its <em> marks.
      link.innerHTML = `<time>${time}</time> <span class="kind">${kind}</span> ${moment.highlight}`;
      entry.append(link);
      moments.append(entry);
    }
    li.append(moments);
  }
  if (reason) {
    const why = document.createElement('div');
    why.className = 'reason';
    why.textContent = reason;
    li.append(why);
  }
  return li;
}
