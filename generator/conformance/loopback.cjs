// Preloaded into the AutoRest test server (`node -r loopback.cjs ...`) by `cargo xtask conformance`.
//
// 1. The server's CLI has no host option and listens on every interface; this pins every TCP
//    `listen` of the process to 127.0.0.1, whatever host (or none) the caller gave. Listening on a
//    path (a Unix socket) is left alone.
// 2. The server must never outlive the run that started it: the xtask kills it by pid when it
//    ends, and should the xtask itself be killed first, this notices that its parent is gone (the
//    parent pid changes when the process is re-parented) and exits.
"use strict";

const net = require("net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first !== null && typeof first === "object" && !Array.isArray(first)) {
    // listen(options[, callback]); `path` is a socket file, `handle`/`fd` an inherited handle.
    if (first.path === undefined && first.handle === undefined && first.fd === undefined && !first._handle) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return listen.apply(this, args);
  }
  if (first === undefined || typeof first === "function") {
    // listen([callback]): a random port.
    return listen.call(this, 0, LOOPBACK, ...args);
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): drop the host given, if any.
    const rest = args.slice(1);
    if (typeof rest[0] === "string") {
      rest.shift();
    }
    return listen.call(this, first, LOOPBACK, ...rest);
  }
  // listen(path[, backlog][, callback]): a socket file.
  return listen.apply(this, args);
};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 500).unref();
