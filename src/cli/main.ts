console.log('seq2seq-lens');
