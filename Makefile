# berth: build, demo, test, install. `make demo` and `make test` work on a fresh Debian/Ubuntu
# (run as root): they install what they need first (scripts/setup.sh).

SHELL      := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PREFIX     ?= /usr/local
LIBDIR     := $(PREFIX)/lib/berth
UNIT_DIR   := /etc/systemd/system
MVN_FLAGS  := -q -B -Dstyle.color=never

# One Maven run builds the daemon, the CLI and what they depend on, and copies their runtime
# jars to lib/ (berth-tests and its test-only client libraries stay out).
# JVM options baked into the launchers. The CLI lives ~100 ms: C1 only, SerialGC, AppCDS later.
# The daemon idles most of its life: small stacks, heap and metaspace; glibc's malloc arenas are trimmed
# every 5 s (the compiler's arenas of the start-up burst otherwise stay resident: -6 MB RSS idle).
# It keeps C2: digests of pulled and loaded layers run 13x faster with the SHA-256 intrinsic C1 lacks
# (pull of 30 MiB: 1.4 s -> 0.49 s) for ~10 MB more RSS.
COMMON_OPTS := --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
               -XX:+UseSerialGC -XX:+UseCompactObjectHeaders
CLI_OPTS    := $(COMMON_OPTS) -XX:TieredStopAtLevel=1 -Xss1m -Xmx128m
DAEMON_OPTS := $(COMMON_OPTS) -Xss512k -Xms8m -Xmx256m \
               -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:CICompilerCount=2 \
               -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000

.PHONY: build demo test install uninstall clean setup bench

build:
	@java_home=$$(scripts/java-home.sh); export JAVA_HOME=$$java_home; \
	echo "build: JDK $$java_home"; \
	rm -rf lib; mkdir -p lib; \
	./mvnw $(MVN_FLAGS) -DskipTests -pl berth-daemon,berth-cli -am package \
	  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$(CURDIR)/lib" \
	  dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath; \
	cp berth-daemon/target/berth-daemon-*.jar berth-cli/target/berth-cli-*.jar lib/; \
	rm -f lib/*-sources.jar lib/*-tests.jar; \
	{ tr ':' '\n' < berth-cli/target/runtime.classpath | xargs -n 1 basename; \
	  basename berth-cli/target/berth-cli-*.jar; } | grep -v -e -sources.jar -e -tests.jar > lib/berth-cli.jars; \
	mkdir -p bin; \
	scripts/launcher.sh "$$java_home/bin/java" berth.daemon.Main "$(DAEMON_OPTS)" lib > bin/berthd; \
	scripts/aot-train.sh "$$java_home/bin/java" "$(CLI_OPTS)" lib/berth-cli.aot lib/berth-cli.jars; \
	cli_opts='$(CLI_OPTS)'; [ -f lib/berth-cli.aot ] && cli_opts="$$cli_opts -XX:AOTCache=\$$home/lib/berth-cli.aot"; \
	scripts/launcher.sh "$$java_home/bin/java" berth.cli.Main "$$cli_opts" lib lib/berth-cli.jars > bin/berth; \
	chmod 0755 bin/berthd bin/berth; \
	echo "build: bin/berthd and bin/berth ready ($$(ls lib | wc -l) jars in lib/)"

setup:
	@scripts/setup.sh

demo:
	@scripts/setup.sh
	@$(MAKE) --no-print-directory build
	@scripts/demo.sh

# scripts/test.sh runs setup and build itself (so `.ci/run` and a bare `scripts/test.sh` agree)
test:
	@scripts/test.sh

# Side-by-side figures with docker.io and podman (issue 7): installs them, never part of `make test`
bench:
	@bench/run.sh

install: build
	@rm -rf "$(LIBDIR)"; mkdir -p "$(LIBDIR)/bin" "$(PREFIX)/bin"; \
	cp -rp lib "$(LIBDIR)/lib"; cp bin/berthd bin/berth "$(LIBDIR)/bin/"; \
	ln -sf "$(LIBDIR)/bin/berthd" "$(PREFIX)/bin/berthd"; \
	ln -sf "$(LIBDIR)/bin/berth" "$(PREFIX)/bin/berth"; \
	echo "install: $(PREFIX)/bin/berthd and $(PREFIX)/bin/berth -> $(LIBDIR)"; \
	if [ -d /run/systemd/system ]; then \
	  getent group berth >/dev/null || groupadd --system berth; \
	  sed "s|@BERTHD@|$(PREFIX)/bin/berthd|" scripts/berthd.service > "$(UNIT_DIR)/berthd.service"; \
	  systemctl daemon-reload; \
	  echo "install: systemd unit berthd.service installed; start it with: systemctl enable --now berthd"; \
	fi

uninstall:
	@if [ -d /run/systemd/system ] && [ -f "$(UNIT_DIR)/berthd.service" ]; then \
	  systemctl disable --now berthd.service || true; rm -f "$(UNIT_DIR)/berthd.service"; systemctl daemon-reload; \
	fi; \
	rm -f "$(PREFIX)/bin/berthd" "$(PREFIX)/bin/berth"; rm -rf "$(LIBDIR)"

clean:
	@if [ -x "$$(scripts/java-home.sh 2>/dev/null)/bin/java" ]; then \
	  JAVA_HOME=$$(scripts/java-home.sh) ./mvnw $(MVN_FLAGS) clean; fi; \
	rm -rf lib bin/berthd bin/berth
