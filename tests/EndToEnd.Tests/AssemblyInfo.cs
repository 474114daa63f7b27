// One lab stack at a time: 2 cores, QEMU without KVM.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
