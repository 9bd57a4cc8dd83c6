import { startServer, type ServerBuilder } from 'pode-ts';
import {
  eq,
  forEachObject,
  selectObject,
  sortObject,
  toArray,
  toInt,
  truthy,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  async function getEmployees() {
    return [
      { Name: 'Ada', Team: 'core', Salary: 120, Active: true },
      { Name: 'Grace', Team: 'core', Salary: 140, Active: true },
      { Name: 'Linus', Team: 'kernel', Salary: 100, Active: false },
      { Name: 'Ken', Team: 'kernel', Salary: 110, Active: true },
      { Name: 'Barbara', Team: 'lang', Salary: 130, Active: true },
    ];
  }
  // active employees, highest paid first
  s.addRoute({ method: 'GET', path: '/employees' }, async (e) => {
    let people: any;
    people = psOutput(
      selectObject(
        sortObject(
          whereObject(await getEmployees(), (item: any) => truthy(item.Active)),
          { property: 'Salary', descending: true },
        ),
        { property: ['Name', 'Salary'] },
      ),
    );
    e.writeJson(toArray(people));
  });
  // the first N names, alphabetically
  s.addRoute({ method: 'GET', path: '/employees/names' }, async (e) => {
    let take: any;
    let names: any;
    take = 2;
    if (truthy(e.query.take)) {
      take = toInt(e.query.take);
    }
    names = psOutput(
      selectObject(sortObject(await getEmployees(), { property: 'Name' }), {
        first: take,
        expandProperty: 'Name',
      }),
    );
    e.writeJson({ Names: toArray(names) });
  });
  // one team's members
  s.addRoute({ method: 'GET', path: '/teams/:team' }, async (e) => {
    let team: any;
    team = e.parameters.team;
    const members = forEachObject(
      whereObject(await getEmployees(), (item: any) => eq(item.Team, team)),
      (item: any) => item.Name,
    );
    if (members.length === 0) {
      e.setStatus(404);
      return;
    }
    e.writeJson({
      Team: team,
      Members: members,
      Last: psOutput(selectObject(members, { last: 1 })),
    });
  });
});
