package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker top and docker stats through docker-java, against real containers and their cgroups. */
@ExtendWith(BerthExtension.class)
class TopStatsTest {

    static final class Samples extends ResultCallback.Adapter<Statistics> {
        final List<Statistics> samples = new CopyOnWriteArrayList<>();
        final CountDownLatch two = new CountDownLatch(2);

        @Override
        public void onNext(Statistics s) {
            samples.add(s);
            two.countDown();
        }
    }

    @Test
    void topListsOnlyTheContainersProcesses(DockerClient client) {
        var id = run(client, uniqueName("top"), "sh", "-c", "sleep 301 & exec sleep 300");
        try {
            var top = client.topContainerCmd(id).exec();
            assertThat(top.getTitles()).contains("PID", "CMD");
            int cmd = Arrays.asList(top.getTitles()).indexOf("CMD");
            assertThat(Arrays.stream(top.getProcesses()).map(p -> p[cmd]))
                    .containsExactlyInAnyOrder("sleep 300", "sleep 301");
            int pid = Arrays.asList(top.getTitles()).indexOf("PID");
            assertThat(Arrays.stream(top.getProcesses()).map(p -> p[pid]))
                    .contains(String.valueOf(state(client, id).getPidLong()));

            var custom = client.topContainerCmd(id).withPsArgs("-o pid,comm").exec();
            assertThat(custom.getTitles()).containsExactly("PID", "COMMAND");
            assertThat(custom.getProcesses().length).isEqualTo(2);
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void topOfAStoppedContainerIsAConflict(DockerClient client) {
        var id = run(client, uniqueName("topstop"), "true");
        waitExit(client, id);
        assertThatThrownBy(() -> client.topContainerCmd(id).exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("container " + id + " is not running");
        client.removeContainerCmd(id).exec();
    }

    @Test
    void statsOfABusyContainerShowItsCpuMemoryAndPids(DockerClient client) throws Exception {
        var name = uniqueName("stats");
        var id = run(client, name, "sh", "-c", "while :; do :; done");
        try {
            var s = client.statsCmd(id).withNoStream(true).exec(new Samples());
            assertThat(s.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
            var stats = s.samples.getFirst();
            var cpu = stats.getCpuStats();
            var pre = stats.getPreCpuStats();
            long cpuDelta = cpu.getCpuUsage().getTotalUsage() - pre.getCpuUsage().getTotalUsage();
            long systemDelta = cpu.getSystemCpuUsage() - pre.getSystemCpuUsage();
            assertThat(systemDelta).as("one second of host CPU time between the two readings").isPositive();
            double percent = (double) cpuDelta / systemDelta * cpu.getOnlineCpus() * 100;
            assertThat(percent).as("a busy loop keeps a CPU busy").isGreaterThan(30);
            assertThat(cpu.getOnlineCpus()).isEqualTo((long) Runtime.getRuntime().availableProcessors());
            assertThat(stats.getMemoryStats().getUsage()).isPositive();
            assertThat(stats.getMemoryStats().getLimit()).isPositive();
            assertThat(stats.getPidsStats().getCurrent()).isEqualTo(1);
            assertThat(stats.getRead()).isNotEqualTo("0001-01-01T00:00:00Z");
            assertThat(stats.getPreread()).isNotEqualTo("0001-01-01T00:00:00Z");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void streamedSamplesCarryThePreviousOne(DockerClient client) throws Exception {
        var id = run(client, uniqueName("statstream"), "sleep", "300");
        try (var s = client.statsCmd(id).exec(new Samples())) {
            assertThat(s.two.await(10, TimeUnit.SECONDS)).as("two samples within 10 s").isTrue();
            var first = s.samples.get(0);
            var second = s.samples.get(1);
            assertThat(second.getPreread()).isEqualTo(first.getRead());
            assertThat(second.getPreCpuStats().getSystemCpuUsage()).isEqualTo(first.getCpuStats().getSystemCpuUsage());
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void statsOfAStoppedContainerAreZero(DockerClient client) throws Exception {
        var id = run(client, uniqueName("statsdone"), "true");
        waitExit(client, id);
        var s = client.statsCmd(id).withNoStream(true).exec(new Samples());
        assertThat(s.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
        var stats = s.samples.getFirst();
        assertThat(stats.getRead()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(stats.getCpuStats().getCpuUsage().getTotalUsage()).isZero();
        assertThat(stats.getMemoryStats().getUsage()).isNull();
        client.removeContainerCmd(id).exec();
    }
}
