package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Queue}, Jenkins core 2.555.3: only its nested {@code Task} type, which a Pipeline
 * job is and whose authentication its credentials are listed with. Never packaged.
 */
public class Queue {
    private Queue() {
    }

    /** Stand-in for {@code hudson.model.Queue.Task} (upstream extends {@code FullyNamedModelObject} and {@code SubTask}). */
    public interface Task {
    }
}
