import { newLimitIpComponent, startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

// An orders API for one web shop's front end: CORS for the shop's origin with a global OPTIONS
// route, partners' networks denied by the proxy's X-Forwarded-For, and a few security headers.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8091, protocol: 'http' });
  const allowed = ['Content-Type', 'Authorization'];
  s.setSecurityAccessControl({
    origin: 'https://shop.example.com',
    methods: ['GET', 'POST', 'DELETE'],
    headers: allowed,
    duration: 600,
    credentials: true,
    withOptions: true,
  });
  s.addLimitAccessRule('blocked-networks', {
    action: 'deny',
    components: toArray(
      newLimitIpComponent({ ip: ['203.0.113.0/24', '2001:db8::/32'], location: 'xforwardedfor' }),
    ),
  });
  s.setSecurityContentTypeOptions();
  s.setSecurityFrameOptions('deny');
  s.setSecurityReferrerPolicy('no-referrer');
  const orders = [
    { Id: 1, Item: 'Tea' },
    { Id: 2, Item: 'Coffee' },
  ];
  s.addRoute({ method: 'GET', path: '/api/orders' }, async (e) => {
    e.writeJson({ Orders: orders });
  });
  s.addRoute({ method: 'POST', path: '/api/orders' }, async (e) => {
    e.writeJson({ Id: 3, Item: (e.data as any).Item }, { statusCode: 201 });
  });
  s.addRoute({ method: 'DELETE', path: '/api/orders/:id' }, async (e) => {
    e.setStatus(204);
  });
});
