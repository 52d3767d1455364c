// Drives the official tus-js-client from node: uploads a file in chunks, aborts part-way (as a dropped
// school network would), then resumes from the upload URL. Prints one JSON line with what happened.
// usage: node tus-upload.mjs <endpoint> <token> <file> <chunkSize> <abortAtFraction>
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tus from 'tus-js-client';

const [endpoint, token, file, chunkSize, abortAt] = process.argv.slice(2);
const data = readFileSync(file);

function run(uploadUrl, abortFraction) {
  return new Promise((resolve, reject) => {
    let aborted = false;
    const upload = new tus.Upload(data, {
      endpoint,
      uploadUrl,
      chunkSize: Number(chunkSize),
      retryDelays: [0, 250, 500],
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: basename(file), title: '背影（tus-js-client）', subject: '语文', stage: '初中' },
      onChunkComplete(_chunk, accepted, total) {
        if (abortFraction > 0 && !aborted && accepted / total >= abortFraction) {
          aborted = true;
          upload.abort(false).then(() => resolve({ url: upload.url, accepted, aborted: true }), reject);
        }
      },
      onError: reject,
      onSuccess: () => resolve({ url: upload.url, accepted: data.length, aborted: false }),
    });
    upload.start();
  });
}

const first = await run(null, Number(abortAt));
const second = await run(first.url, 0);
console.log(JSON.stringify({ url: second.url, firstAccepted: first.accepted, firstAborted: first.aborted, total: data.length }));
