export { RedisStore } from './store.js';
//# sourceMappingURL=index.js.map