// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title AlertLedger
/// @notice Holds the Merkle roots of PagerBoy acknowledgment batches so that every single
///         acknowledgment can later be proven with an inclusion proof against a root stored here.
/// @dev Tree shape (the Java MerkleTree builds exactly this):
///      - a leaf is the 32-byte digest keccak256(abi.encode(ack fields)), see ackLeafDigest;
///      - leaf hash  = keccak256(0x00 ++ leaf)
///      - node hash  = keccak256(0x01 ++ min(a, b) ++ max(a, b))   (pairs are sorted, so a proof
///        needs no left/right flags)
///      - a level with an odd number of nodes promotes its last node unchanged to the next level.
///      The 0x00/0x01 prefixes keep leaf hashes and node hashes in separate domains, so an inner
///      node can never be presented as a leaf (second-preimage resistance).
///      The roster of engineers who may acknowledge lives in the job's configuration, not here:
///      see contracts/README.md for why.
contract AlertLedger {
    /// What verification and the audit need about one anchored batch (two storage slots).
    struct Batch {
        bytes32 root;
        uint64 leafCount;
        uint64 firstSeq;
        uint64 anchoredAtBlock;
    }

    /// The two ways an acknowledgment can be signed; recorded in every leaf.
    uint8 public constant METHOD_SELF_SIGNED = 0;
    uint8 public constant METHOD_GATEWAY_ONE_TIME_LINK = 1;

    address public owner;
    uint64 public anchorCount;
    bytes32 public latestBatchId;

    mapping(bytes32 => Batch) private batches;
    mapping(address => uint256) private writerSlot; // 1-based index into writerList; 0 = not a writer
    address[] private writerList;

    event Anchored(
        bytes32 indexed batchId,
        bytes32 root,
        uint64 leafCount,
        uint64 firstSeq,
        address indexed writer
    );
    event WriterAdded(address indexed writer);
    event WriterRemoved(address indexed writer);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error NotWriter(address caller);
    error RootConflict(bytes32 batchId, bytes32 anchoredRoot, bytes32 offeredRoot);
    error EmptyBatch(bytes32 batchId);
    error ZeroRoot(bytes32 batchId);
    error ZeroAddress();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @param firstWriter the account the job anchors with; may equal the deployer.
    constructor(address firstWriter) {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
        if (firstWriter != address(0)) _addWriter(firstWriter);
    }

    // ---------------------------------------------------------------- roles

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /// Adding an account that already writes is a no-op (no second event).
    function addWriter(address writer) external onlyOwner {
        if (writer == address(0)) revert ZeroAddress();
        _addWriter(writer);
    }

    /// Removing an account that does not write is a no-op (no event).
    function removeWriter(address writer) external onlyOwner {
        uint256 slot = writerSlot[writer];
        if (slot == 0) return;
        address last = writerList[writerList.length - 1];
        writerList[slot - 1] = last;
        writerSlot[last] = slot;
        writerList.pop();
        delete writerSlot[writer];
        emit WriterRemoved(writer);
    }

    function isWriter(address account) external view returns (bool) {
        return writerSlot[account] != 0;
    }

    function writers() external view returns (address[] memory) {
        return writerList;
    }

    function _addWriter(address writer) private {
        if (writerSlot[writer] != 0) return;
        writerList.push(writer);
        writerSlot[writer] = writerList.length;
        emit WriterAdded(writer);
    }

    // ---------------------------------------------------------------- anchoring

    /// Anchors one batch. Idempotent per batchId: the same root again is a no-op that returns
    /// false and emits nothing; a different root reverts with RootConflict.
    /// @return newlyAnchored true when this call stored the batch.
    function anchor(bytes32 batchId, bytes32 root, uint64 leafCount, uint64 firstSeq)
        external
        returns (bool newlyAnchored)
    {
        if (writerSlot[msg.sender] == 0) revert NotWriter(msg.sender);
        bytes32 existing = batches[batchId].root;
        if (existing != bytes32(0)) {
            if (existing != root) revert RootConflict(batchId, existing, root);
            return false;
        }
        if (root == bytes32(0)) revert ZeroRoot(batchId);
        if (leafCount == 0) revert EmptyBatch(batchId);
        batches[batchId] = Batch(root, leafCount, firstSeq, uint64(block.number));
        anchorCount += 1;
        latestBatchId = batchId;
        emit Anchored(batchId, root, leafCount, firstSeq, msg.sender);
        return true;
    }

    /// The stored root of a batch, or zero when the batch is unknown.
    function rootOf(bytes32 batchId) external view returns (bytes32) {
        return batches[batchId].root;
    }

    function batchOf(bytes32 batchId)
        external
        view
        returns (bytes32 root, uint64 leafCount, uint64 firstSeq, uint64 anchoredAtBlock)
    {
        Batch storage b = batches[batchId];
        return (b.root, b.leafCount, b.firstSeq, b.anchoredAtBlock);
    }

    // ---------------------------------------------------------------- verification

    /// True when `leaf` (an ack leaf digest) is in the batch anchored under `batchId`.
    function verify(bytes32 batchId, bytes32 leaf, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Batch storage b = batches[batchId];
        if (b.root == bytes32(0)) return false;
        // A tree of n leaves is at most ceil(log2(n)) levels deep; longer proofs are forgeries.
        if (proof.length > _ceilLog2(b.leafCount)) return false;
        bytes32 h = keccak256(abi.encodePacked(bytes1(0x00), leaf));
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 p = proof[i];
            h = h < p
                ? keccak256(abi.encodePacked(bytes1(0x01), h, p))
                : keccak256(abi.encodePacked(bytes1(0x01), p, h));
        }
        return h == b.root;
    }

    /// The canonical leaf digest of one acknowledgment (what the Java AckLeaf computes).
    function ackLeafDigest(
        string calldata incidentId,
        bytes8 fingerprint,
        address engineer,
        uint64 ackedAtMillis,
        bytes32 signatureHash,
        uint64 sequence,
        uint8 method
    ) external pure returns (bytes32) {
        return keccak256(
            abi.encode(incidentId, fingerprint, engineer, ackedAtMillis, signatureHash, sequence, method)
        );
    }

    function _ceilLog2(uint256 n) private pure returns (uint256 bits) {
        uint256 v = 1;
        while (v < n) {
            v <<= 1;
            bits++;
        }
    }
}
