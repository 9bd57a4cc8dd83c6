/** The OA scenario's route without validation (bench/compare.mjs --scenario OA). */
import { startOpenApiServer } from './pode-oa.mjs';

await startOpenApiServer(false);
