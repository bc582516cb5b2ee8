package berth.engine;

import berth.runtime.BundleSpec;

/** What a container's start needs from networking: its namespace, and the contents of its /etc files. */
record NetworkSetup(BundleSpec.NetworkMode mode, String hostname, String hosts, String resolvConf) {}
