package io.github.gluehealthcheck.jenkins;

import hudson.FilePath;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

/**
 * An agent for tests: the step's own agent workspace ({@link FilePathWorkspace#onAgent}) over another directory. Each
 * callable is serialized and deserialized, as remoting sends it, and run there, as {@code FilePath.act} runs it on an
 * agent; its answer travels back the same way.
 */
public final class AgentStandIn {
    private AgentStandIn() {
    }

    public static WorkspaceAccess workspaceOn(Path agent) throws IOException {
        return FilePathWorkspace.onAgent(new FilePathWorkspace.Agent() {
            @Override
            public <T> T act(FilePath.FileCallable<T> callable) throws IOException, InterruptedException {
                @SuppressWarnings("unchecked")
                FilePath.FileCallable<T> sent = (FilePath.FileCallable<T>) overTheWire(callable);
                @SuppressWarnings("unchecked")
                T result = (T) overTheWire(sent.invoke(agent.toFile(), null));
                return result;
            }
        }, agent.toString());
    }

    public static Object overTheWire(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}
