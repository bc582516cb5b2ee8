package berth.tests;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Gives tests a {@link DockerClient} (or the {@link BerthDaemon}) of one daemon shared by all
 * test classes of the run: started on first use, stopped and cleaned up when the run ends.
 * Tests that kill or restart a daemon start their own {@link BerthDaemon} instead.
 */
final class BerthExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BerthExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        var type = parameter.getParameter().getType();
        return type == DockerClient.class || type == BerthDaemon.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var daemon = shared(context);
        return parameter.getParameter().getType() == BerthDaemon.class ? daemon : daemon.client();
    }

    private static BerthDaemon shared(ExtensionContext context) {
        var store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent("daemon", key -> new Resource(startDaemon()), Resource.class).daemon();
    }

    private static BerthDaemon startDaemon() {
        try {
            return BerthDaemon.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test class. */
    private record Resource(BerthDaemon daemon) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            daemon.close();
        }
    }
}
