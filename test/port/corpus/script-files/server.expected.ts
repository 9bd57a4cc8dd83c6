import { basename } from 'node:path';
import {
  startServer,
  type RouteGroup,
  type ServerBuilder,
  type WebEvent,
  writeJsonResponse,
} from 'pode-ts';
import { joinPath, toArray, toPsString } from 'pode-ts/powershell';

/*
 *
 * .SYNOPSIS
 * A small team site whose code lives in files beside the script: helper functions loaded with
 * Use-PodeScript, a module of its own, a route file with Windows separators, and a middleware
 * held in a variable.
 *
 * .EXAMPLE
 * ./server.ps1
 *
 */
// Pode's module loader dropped: pode-ts is imported above
const scriptPath = import.meta.dirname;
// the module of team helpers
// from modules/Team.psm1
async function getTeamMember() {
  return ['Rick', 'Morty', 'Summer'];
}
const docsPath = joinPath(scriptPath, 'documents');
const siteName = basename(scriptPath);
await startServer(async (s: ServerBuilder) => {
  let stamp: any;
  s.addEndpoint({ address: 'localhost', port: 8095, protocol: 'http' });
  // greeting helpers, shared by every route
  // from modules/Greetings.ps1
  // greeting helpers for the team site
  // from modules/Format.ps1
  async function formatGreeting(name = '') {
    return `Hello, ${toPsString(name)}!`;
  }
  async function writeGreeting(name = '') {
    writeJsonResponse({ Message: await formatGreeting(name) });
  }
  // Export-PodeFunction: every route can call the script's functions in pode-ts (no runspaces to export them to)
  stamp = async (e: WebEvent) => {
    e.setHeader('X-Team', 'rockets');
    return true;
  };
  s.addRoute({ method: 'GET', path: '/hello/:name', middleware: [stamp] }, async (e) => {
    await writeGreeting(e.parameters.name);
  });
  s.addRoute({ method: 'GET', path: '/members' }, async (e) => {
    e.writeJson({ Members: toArray(await getTeamMember()) });
  });
  s.addRoute({ method: 'GET', path: '/site' }, async (e) => {
    e.writeJson({ Name: siteName, Script: basename(import.meta.filename) });
  });
  // a route whose script block is kept in its own file
  s.addRoute({ method: 'GET', path: '/status' }, async (e) => {
    e.writeText('all systems go');
  });
  // the documents, browsable
  s.addStaticRouteGroup({ path: '/', fileBrowser: true }, (g: RouteGroup) => {
    g.addStaticRoute('/docs', toPsString(docsPath));
  });
});
