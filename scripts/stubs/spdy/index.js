'use strict';
// See package.json: restify 11 requires('spdy') at load time; only `options.spdy` would use it.
module.exports = {
  createServer() {
    throw new Error('SPDY is not supported by the Digibank assistant (restify is used over plain HTTP).');
  },
};
