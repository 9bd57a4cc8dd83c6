import { apiKey, basic, getAuthUser, startServer, type ServerBuilder } from 'pode-ts';
import { eq } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8088, protocol: 'http' });
  // the build robot sends its key; the person on duty signs in with Basic
  s.addAuth(
    'Robot',
    apiKey(),
    async ({ key }, e) => {
      if (eq(key, 'key-deploy-bot', true)) {
        return { user: { Name: 'deploy-bot', Team: 'platform' } };
      }
      return { message: 'Unknown API key' };
    },
    { sessionless: true },
  );
  s.addAuth(
    'OnDuty',
    basic(),
    async ({ username, password }, e) => {
      if (eq(username, 'ravi') && eq(password, 'lantern', true)) {
        return { user: { Name: 'ravi', Team: 'payments' } };
      }
      return null;
    },
    { sessionless: true },
  );
  // a deploy needs both: the merged user names the person and the robot acting for them
  s.mergeAuth('RobotAndPerson', {
    authentication: ['Robot', 'OnDuty'],
    valid: 'all',
    scriptBlock: async (results, e) => {
      let person: any;
      let robot: any;
      person = results.OnDuty.user;
      robot = results.Robot.user;
      return { user: { Name: person.Name, Via: robot.Name, Teams: [person.Team, robot.Team] } };
    },
  });
  s.addRoute({ method: 'POST', path: '/deploy', authentication: 'RobotAndPerson' }, async (e) => {
    let user: any;
    user = getAuthUser();
    e.writeJson({ DeployedBy: user.Name, Via: user.Via, Teams: user.Teams });
  });
  s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
    e.writeJson({ Healthy: true });
  });
});
