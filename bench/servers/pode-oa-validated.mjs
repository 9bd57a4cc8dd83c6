/** The OA scenario's route with its body validated (bench/compare.mjs --scenario OA). */
import { startOpenApiServer } from './pode-oa.mjs';

await startOpenApiServer(true);
