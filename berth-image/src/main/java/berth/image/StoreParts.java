package berth.image;

import berth.store.ContentStore;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The pieces of the local store that pulls and pushes work with, and the writers' lock they share. */
record StoreParts(ContentStore blobs, ImageIndex index, LayerStore layers, ReentrantLock writer) {

    <T> T locked(Supplier<T> work) {
        writer.lock();
        try {
            return work.get();
        } finally {
            writer.unlock();
        }
    }
}
