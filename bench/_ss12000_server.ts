/**
 * The local SS 12000 server of the ss12000-sync bench, in a process of its own (so that serving
 * pages neither shares the importer's CPU loop nor counts in its memory). It tells its URL over IPC
 * and, when asked, changes a share of the persons and deletes a few, answering with the `since`
 * time an incremental sync should use.
 */
import { startSs12000Server } from '../test/ss12000/server.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startSs12000Server(options);
process.send!({ url: server.url, persons: server.state.county.persons.length });

process.on('message', (msg: { change?: number; remove?: number; close?: boolean }) => {
  if (msg.close) {
    void server.close().then(() => process.exit(0));
    return;
  }
  const since = server.state.now();
  const county = server.state.county;
  const step = Math.max(1, Math.floor(county.persons.length / Math.max(1, msg.change ?? 0)));
  let changed = 0;
  for (let i = 0; i < county.persons.length && changed < (msg.change ?? 0); i += step, changed++) {
    const p = county.persons[i]!;
    server.state.modifyPerson(p.id, { familyName: `${String(p.familyName)}-Ändrad` });
  }
  const pupils = county.pupilIds.slice(-(msg.remove ?? 0));
  for (const id of pupils) server.state.deletePerson(id);
  county.pupilIds.splice(county.pupilIds.length - pupils.length, pupils.length);
  process.send!({ since, changed, removed: pupils.length });
});
