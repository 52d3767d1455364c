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
  if (item.snippet) {
    const snippet = document.createElement('p');
    snippet.className = 'snippet';
    snippet.innerHTML = item.snippet;
    li.append(snippet);
  }
  if (reason) {
    const why = document.createElement('div');
    why.className = 'reason';
    why.textContent = reason;
    li.append(why);
  }
  return li;
}
