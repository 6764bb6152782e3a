package io.github.gluehealthcheck.engine.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The S3 side's buckets and objects, in memory. Keys sort as S3 lists them (by UTF-16 here, close enough). */
final class ObjectStore {

    /** One stored object; {@code data} is never modified after it is stored. */
    record StoredObject(
            byte[] data,
            String etag,
            Instant lastModified,
            String contentType,
            String contentEncoding,
            Map<String, String> metadata,
            String checksumAlgorithm,
            String checksumValue) {
    }

    record Listed(String bucket, String key, StoredObject object) {
    }

    private static final class Bucket {
        final Instant created = Instant.now();
        final NavigableMap<String, StoredObject> objects = new TreeMap<>();
    }

    private final NavigableMap<String, Bucket> buckets = new TreeMap<>();

    /** Creates the bucket; false when it already existed. */
    synchronized boolean createBucket(String name) {
        if (buckets.containsKey(name)) {
            return false;
        }
        buckets.put(name, new Bucket());
        return true;
    }

    synchronized boolean bucketExists(String name) {
        return buckets.containsKey(name);
    }

    synchronized Instant bucketCreated(String name) {
        Bucket b = buckets.get(name);
        return b == null ? null : b.created;
    }

    synchronized List<String> bucketNames() {
        return List.copyOf(buckets.keySet());
    }

    /** Deletes an empty bucket; false when it did not exist. */
    synchronized boolean deleteBucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            return false;
        }
        if (!b.objects.isEmpty()) {
            throw new ServiceError("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
        }
        buckets.remove(name);
        return true;
    }

    /** The object, or null when the bucket or the key is missing. */
    synchronized StoredObject get(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        return b == null ? null : b.objects.get(key);
    }

    /** Stores the object; a missing bucket is created when {@code createBucket}, else NoSuchBucket. */
    synchronized void put(String bucket, String key, StoredObject object, boolean createBucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            if (!createBucket) {
                throw noSuchBucket(bucket);
            }
            b = new Bucket();
            buckets.put(bucket, b);
        }
        b.objects.put(key, object);
    }

    /** Deletes the object if present; a missing bucket is NoSuchBucket, as in S3. */
    synchronized void delete(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            throw noSuchBucket(bucket);
        }
        b.objects.remove(key);
    }

    /** The bucket's objects whose keys start with {@code prefix}, sorted, after {@code after} (exclusive). */
    synchronized List<Listed> list(String bucket, String prefix, String after) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            throw noSuchBucket(bucket);
        }
        NavigableMap<String, StoredObject> view = after == null ? b.objects : b.objects.tailMap(after, false);
        List<Listed> result = new ArrayList<>();
        for (Map.Entry<String, StoredObject> e : view.entrySet()) {
            if (prefix == null || e.getKey().startsWith(prefix)) {
                result.add(new Listed(bucket, e.getKey(), e.getValue()));
            }
        }
        return result;
    }

    /** Every object of every bucket. */
    synchronized List<Listed> all() {
        List<Listed> result = new ArrayList<>();
        buckets.forEach((name, b) -> b.objects.forEach((key, o) -> result.add(new Listed(name, key, o))));
        return result;
    }

    static ServiceError noSuchBucket(String bucket) {
        return new ServiceError("NoSuchBucket", 404, "The specified bucket does not exist");
    }
}
