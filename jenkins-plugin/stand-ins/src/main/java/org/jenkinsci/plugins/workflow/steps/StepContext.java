package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepContext}, workflow-step-api 724: every
 * abstract member of upstream, with its signature, so that a test double written against this stand-in also
 * compiles against the real class ({@code onFailure(Throwable)} comes from Guava's {@link FutureCallback}, as
 * upstream). The plugin itself calls {@code get}, {@code onSuccess}, {@code onFailure} and {@code saveState}. Never
 * packaged.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(@Nullable Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
