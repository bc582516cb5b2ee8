package berth.runtime;

class RuncRuntimeTest extends ContainerRuntimeContract {
    @Override String runtimeName() { return "runc"; }
}
