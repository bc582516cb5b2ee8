package berth.network;

import berth.common.BerthException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@link Firewall} through {@code nft -f -}: one process per change, whatever the number of rules. */
final class NftFirewall implements Firewall {
    private final String table;

    NftFirewall(String table) {
        this.table = table;
    }

    @Override
    public synchronized void apply(State state) {
        run(NftRules.script(table, state));
    }

    @Override
    public synchronized void publish(java.util.List<Dnat> dnats) {
        if (!dnats.isEmpty()) run(NftRules.elements(table, "add", dnats));
    }

    @Override
    public synchronized void unpublish(java.util.List<Dnat> dnats) {
        if (!dnats.isEmpty()) run(NftRules.elements(table, "delete", dnats));
    }

    private void run(String script) {
        try {
            Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw BerthException.fault("nft did not finish in 30 s", null);
            }
            if (p.exitValue() != 0) throw BerthException.fault("nft failed: " + out, null);
        } catch (IOException e) {
            throw BerthException.fault("cannot run nft (is nftables installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("interrupted running nft", e);
        }
    }
}
