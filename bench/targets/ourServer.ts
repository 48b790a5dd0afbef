// Our server exactly as `npm start` runs it (dist/server/main.js), plus the memory probe.
import './probe.ts';
import '../../server/main.ts';
