package org.urulink.cli;

/**
 * Client ids of one run: {@code <run id>.<message number>}. The server dedupes sends on (sender, client id) and
 * the bench users are reused, so each run needs ids no earlier run used; a frame from an earlier run (a late
 * delivery) is recognised and ignored.
 */
record MessageIds(String runId) {
    String of(int message) {
        return runId + "." + message;
    }

    /** The message number in {@code clientId}, or -1 when it is not of this run. */
    int parse(String clientId) {
        if (clientId.length() <= runId.length() + 1 || !clientId.startsWith(runId)
                || clientId.charAt(runId.length()) != '.') {
            return -1;
        }
        int n = 0;
        for (int i = runId.length() + 1; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            if (c < '0' || c > '9' || n > (Integer.MAX_VALUE - 9) / 10) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
