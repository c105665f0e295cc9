package dev.bascule.aws;

import dev.bascule.source.Location;

import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Migration files under an {@code s3://bucket/prefix} location.
 *
 * <p>{@link #list()} pages through ListObjectsV2 (1,000 keys a page) with delimiter "/", so only objects directly
 * under the prefix are listed; {@link #open(String)} reads one object fully into memory — nothing is written to disk,
 * so secure migrations never touch the local file system — and the caller checksums those bytes exactly as it does
 * a local file's.
 */
public final class S3MigrationSource implements MigrationSource {

    private final S3Location location;
    private final S3Client client;
    private final boolean secret;
    private final long maxObjectBytes;
    private final boolean ownsClient;

    /**
     * A source over a client the caller keeps ownership of ({@link #close()} leaves it open).
     *
     * @param maxObjectBytes largest object {@link #open(String)} accepts, so a wrong file cannot exhaust memory
     */
    public S3MigrationSource(S3Location location, S3Client client, boolean secret, long maxObjectBytes) {
        this(location, client, secret, maxObjectBytes, false);
    }

    S3MigrationSource(S3Location location, S3Client client, boolean secret, long maxObjectBytes, boolean ownsClient) {
        this.location = location;
        this.client = client;
        this.secret = secret;
        this.maxObjectBytes = maxObjectBytes;
        this.ownsClient = ownsClient;
    }

    @Override
    public Location location() {
        return new Location("s3", location.toString());
    }

    @Override
    public boolean secret() {
        return secret;
    }

    @Override
    public List<SourceEntry> list() throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        for (StoredObject object : listObjects(client, location)) {
            entries.add(new SourceEntry(object.name(), object.size()));
        }
        return entries;
    }

    @Override
    public InputStream open(String name) throws IOException {
        if (name.contains("/") || name.contains("\\")) {
            // Listings are flat (the source contract): a key below the prefix is not one of this location's files.
            throw new java.nio.file.NoSuchFileException(name, null, "not a file directly inside " + location);
        }
        return new ByteArrayInputStream(readObject(client, location, name, maxObjectBytes));
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Every object directly under the location, sorted by name; "folder" marker objects are skipped. */
    static List<StoredObject> listObjects(S3Client client, S3Location location) throws IOException {
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(location.bucket())
                .prefix(location.listPrefix())
                .delimiter("/")
                .build();
        String listPrefix = location.listPrefix();
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                String name = object.key().substring(listPrefix.length());
                if (!name.isEmpty()) {
                    objects.add(new StoredObject(name, object.size() == null ? -1 : object.size(),
                            object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.translate(e, location.toString(), "listing");
        }
        objects.sort(Comparator.comparing(StoredObject::name));
        return List.copyOf(objects);
    }

    /** Reads one whole object into memory, refusing objects larger than {@code maxBytes}. */
    static byte[] readObject(S3Client client, S3Location location, String name, long maxBytes) throws IOException {
        String uri = location.uriOf(name);
        try (ResponseInputStream<GetObjectResponse> body =
                     client.getObject(b -> b.bucket(location.bucket()).key(location.keyOf(name)))) {
            Long declared = body.response().contentLength();
            if (declared != null && declared > maxBytes) {
                body.abort();
                throw tooLarge(uri, declared, maxBytes);
            }
            byte[] bytes;
            try {
                bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
            } catch (IOException e) {
                throw interrupted(uri, e);
            }
            if (bytes.length > maxBytes) {
                body.abort();
                throw tooLarge(uri, bytes.length, maxBytes);
            }
            return bytes;
        } catch (SdkException e) {
            throw S3Errors.translate(e, uri, "reading");
        }
    }

    /** A transfer that broke off midway (timeout, reset): the message names the object; the cause has details. */
    static IOException interrupted(String uri, IOException cause) {
        return new IOException("Reading " + uri + " from S3 broke off (" + cause.getClass().getSimpleName()
                + "); check the network and s3.read-timeout, then retry", cause);
    }

    private static IOException tooLarge(String uri, long size, long maxBytes) {
        return new IOException(uri + " is " + size + " bytes, more than the " + maxBytes
                + " bytes Bascule streams into memory; split the migration or raise s3.max-object-bytes");
    }
}
