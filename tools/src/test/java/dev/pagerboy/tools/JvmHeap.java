package dev.pagerboy.tools;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of another JVM on this machine, read over JMX: the attach API starts that JVM's local
 * management agent, and its {@link MemoryMXBean} says how much heap is in use. Lets a test measure
 * a command it started as a user would, without the command knowing it is measured.
 */
final class JvmHeap implements AutoCloseable {

    private final JMXConnector connector;
    private final MemoryMXBean memory;

    private JvmHeap(JMXConnector connector, MemoryMXBean memory) {
        this.connector = connector;
        this.memory = memory;
    }

    /** Connects to the JVM with process id {@code pid} (same user). */
    static JvmHeap attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MemoryMXBean memory =
                ManagementFactory.newPlatformMXBeanProxy(
                        connector.getMBeanServerConnection(),
                        ManagementFactory.MEMORY_MXBEAN_NAME,
                        MemoryMXBean.class);
        return new JvmHeap(connector, memory);
    }

    /** Bytes of heap in use now. */
    long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Bytes of heap the JVM may grow to ({@code -Xmx}, or its default). */
    long max() {
        return memory.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
