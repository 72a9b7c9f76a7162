// The gap analyses live in server/gaps/ (one file per analysis); this keeps `./gaps.js` working
// for the modules that still import it from here.
export * from './gaps/index.js';
