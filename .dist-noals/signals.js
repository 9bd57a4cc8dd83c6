const signalled = new Set();
function onSignal(signal) {
    const servers = [...signalled];
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    void Promise.allSettled(servers.map((server) => server.stop())).then((results) => {
        // Our listener kept the default behaviour (termination) away. Unless the application listens
        // for the signal itself, end the process now: 0 after a clean stop, like a finished script.
        // A second signal during the stop finds no listener and terminates at once.
        if (process.listenerCount(signal) === 0) {
            process.exit(results.every((result) => result.status === 'fulfilled') ? 0 : 1);
        }
    });
}
export function trackForSignals(server) {
    if (signalled.size === 0) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
    }
    signalled.add(server);
}
export function untrackForSignals(server) {
    signalled.delete(server);
    if (signalled.size === 0) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
//# sourceMappingURL=signals.js.map