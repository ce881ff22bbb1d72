// The schema library every reader validates with: zod/mini, which has the checks of zod's
// chained API in a fraction of the code to load at each start (about 30 ms of every run),
// set to the English messages zod gives by default, which users see in diagnostics.
// Import it as a namespace (`import * as z`) and read its members: the bundle keeps only those.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
