// Words for synthetic papers: real ML, NLP and speech terms grouped by topic, so full-text search
// over generated titles and abstracts behaves like it would over the real feed. Topic weights
// follow a daily-papers feed: about four papers in ten mention language models, a few in a
// hundred speech recognition.

export interface Topic {
  weight: number;
  /** What the paper is about, as it would be named in a title ("speech recognition"). */
  tasks: readonly string[];
  /** How it is done. */
  techniques: readonly string[];
  datasets: readonly string[];
  metrics: readonly string[];
  /** Things that can be counted in a new dataset ("utterances"). */
  items: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    weight: 26,
    tasks: [
      'large language models',
      'language model alignment',
      'instruction tuning',
      'in-context learning',
      'chain-of-thought reasoning',
      'long-context language modeling',
      'preference optimization',
      'language model pretraining',
      'LLM agents',
      'tool use in language models',
    ],
    techniques: [
      'reinforcement learning from human feedback',
      'direct preference optimization',
      'mixture-of-experts',
      'supervised fine-tuning',
      'self-rewarding language models',
      'test-time scaling',
      'rotary position embeddings',
      'process reward models',
    ],
    datasets: [
      'MMLU',
      'GSM8K',
      'BIG-Bench Hard',
      'AlpacaEval 2.0',
      'MT-Bench',
      'Arena-Hard',
      'TruthfulQA',
      'IFEval',
    ],
    metrics: ['accuracy', 'win rate', 'exact match'],
    items: ['instructions', 'prompts', 'conversations', 'reasoning traces'],
  },
  {
    weight: 12,
    tasks: [
      'vision-language models',
      'multimodal large language models',
      'visual question answering',
      'image captioning',
      'video understanding',
      'visual grounding',
    ],
    techniques: [
      'visual instruction tuning',
      'contrastive language-image pretraining',
      'vision transformers',
      'token pruning',
      'cross-modal attention',
    ],
    datasets: ['VQAv2', 'MMMU', 'COCO Captions', 'Video-MME', 'MathVista', 'ScienceQA'],
    metrics: ['accuracy', 'CIDEr', 'recall@1'],
    items: ['image-text pairs', 'videos', 'visual questions'],
  },
  {
    weight: 10,
    tasks: [
      'text-to-image generation',
      'video generation',
      'image editing',
      '3D generation',
      'image super-resolution',
    ],
    techniques: [
      'diffusion models',
      'flow matching',
      'latent diffusion',
      'classifier-free guidance',
      'diffusion transformers',
      'consistency distillation',
    ],
    datasets: ['ImageNet', 'COCO', 'GenEval', 'VBench', 'Objaverse'],
    metrics: ['FID', 'CLIP score', 'human preference'],
    items: ['images', 'video clips', '3D assets', 'captions'],
  },
  {
    weight: 8,
    tasks: [
      'retrieval-augmented generation',
      'open-domain question answering',
      'dense retrieval',
      'fact verification',
      'knowledge graph completion',
    ],
    techniques: [
      'dense passage retrieval',
      'query rewriting',
      'reranking',
      'knowledge distillation',
      'contrastive learning',
    ],
    datasets: ['Natural Questions', 'HotpotQA', 'MS MARCO', 'BEIR', 'TriviaQA', 'FEVER'],
    metrics: ['exact match', 'nDCG@10', 'F1', 'recall@20'],
    items: ['questions', 'passages', 'queries'],
  },
  {
    weight: 7,
    tasks: [
      'model compression',
      'efficient inference',
      'parameter-efficient fine-tuning',
      'long-sequence modeling',
    ],
    techniques: [
      'quantization',
      'low-rank adaptation',
      'speculative decoding',
      'sparse attention',
      'pruning',
      'state space models',
      'KV cache compression',
    ],
    datasets: ['WikiText-103', 'C4', 'LongBench', 'RULER', 'the Pile'],
    metrics: ['perplexity', 'throughput', 'latency', 'memory footprint'],
    items: ['tokens', 'documents'],
  },
  {
    weight: 6,
    tasks: [
      'automatic speech recognition',
      'speech recognition',
      'text-to-speech',
      'speech translation',
      'speaker verification',
      'spoken language understanding',
      'voice conversion',
    ],
    techniques: [
      'self-supervised speech representations',
      'speech language models',
      'connectionist temporal classification',
      'neural audio codecs',
      'conformers',
      'audio tokenization',
    ],
    datasets: ['LibriSpeech', 'Common Voice', 'GigaSpeech', 'VoxCeleb', 'LJSpeech', 'AISHELL-1', 'FLEURS'],
    metrics: ['word error rate', 'character error rate', 'mean opinion score', 'equal error rate'],
    items: ['hours of speech', 'utterances', 'speakers'],
  },
  {
    weight: 6,
    tasks: [
      'machine translation',
      'multilingual language understanding',
      'cross-lingual transfer',
      'low-resource language processing',
    ],
    techniques: [
      'multilingual pretraining',
      'back-translation',
      'vocabulary adaptation',
      'language-specific adapters',
    ],
    datasets: ['WMT', 'FLORES-200', 'XNLI', 'TyDi QA', 'MASSIVE'],
    metrics: ['BLEU', 'chrF', 'COMET', 'accuracy'],
    items: ['sentence pairs', 'languages', 'parallel documents'],
  },
  {
    weight: 6,
    tasks: [
      'code generation',
      'mathematical reasoning',
      'program synthesis',
      'automated theorem proving',
      'software engineering agents',
    ],
    techniques: [
      'execution feedback',
      'self-consistency',
      'tree search',
      'verifier-guided decoding',
      'curriculum learning',
    ],
    datasets: ['HumanEval', 'MBPP', 'SWE-bench', 'MATH', 'miniF2F', 'LiveCodeBench'],
    metrics: ['pass@1', 'accuracy', 'resolve rate'],
    items: ['programming problems', 'proofs', 'repositories'],
  },
  {
    weight: 6,
    tasks: [
      'reinforcement learning',
      'robot manipulation',
      'embodied agents',
      'web agents',
      'autonomous driving',
    ],
    techniques: [
      'policy optimization',
      'reward modeling',
      'world models',
      'imitation learning',
      'vision-language-action models',
    ],
    datasets: ['Atari', 'MuJoCo', 'LIBERO', 'WebArena', 'nuScenes', 'ALFWorld'],
    metrics: ['success rate', 'return', 'task completion rate'],
    items: ['trajectories', 'episodes', 'demonstrations'],
  },
  {
    weight: 5,
    tasks: [
      'named entity recognition',
      'sentiment analysis',
      'text summarization',
      'dialogue systems',
      'information extraction',
      'text classification',
    ],
    techniques: [
      'pretrained transformers',
      'prompt learning',
      'data augmentation',
      'graph neural networks',
      'span-based decoding',
    ],
    datasets: ['CoNLL-2003', 'SST-2', 'CNN/DailyMail', 'XSum', 'MultiWOZ', 'GLUE'],
    metrics: ['F1', 'ROUGE-L', 'accuracy'],
    items: ['documents', 'dialogues', 'annotated sentences'],
  },
  {
    weight: 5,
    tasks: [
      'hallucination detection',
      'jailbreak defense',
      'model evaluation',
      'interpretability',
      'machine unlearning',
    ],
    techniques: [
      'red teaming',
      'sparse autoencoders',
      'activation steering',
      'uncertainty estimation',
      'LLM-as-a-judge',
    ],
    datasets: ['HarmBench', 'HaluEval', 'AdvBench', 'SimpleQA'],
    metrics: ['attack success rate', 'AUROC', 'agreement with humans'],
    items: ['adversarial prompts', 'model responses', 'annotations'],
  },
  {
    weight: 3,
    tasks: [
      'time series forecasting',
      'graph representation learning',
      'federated learning',
      'recommendation',
    ],
    techniques: [
      'self-supervised learning',
      'contrastive learning',
      'graph transformers',
      'foundation models',
    ],
    datasets: ['ETTh1', 'OGB', 'MovieLens', 'Amazon Reviews'],
    metrics: ['mean squared error', 'accuracy', 'NDCG'],
    items: ['series', 'graphs', 'interactions'],
  },
];

export const ADJECTIVES = [
  'efficient',
  'scalable',
  'robust',
  'unified',
  'adaptive',
  'hierarchical',
  'zero-shot',
  'few-shot',
  'lightweight',
  'controllable',
  'interpretable',
  'training-free',
  'data-efficient',
  'multilingual',
  'open',
] as const;

/** Broad trends that open many abstracts, whatever their topic. */
export const TRENDS = [
  'large language models',
  'large language models (LLMs)',
  'foundation models',
  'deep learning',
  'self-supervised learning',
  'generative models',
  'multimodal models',
] as const;

export const CHALLENGES = [
  'the scarcity of labeled data',
  'the quadratic cost of attention',
  'distribution shift between training and deployment',
  'noisy and inconsistent annotations',
  'the lack of reliable evaluation',
  'error accumulation over long horizons',
  'the high cost of human feedback',
] as const;

export const LIMITATIONS = [
  'rely on large amounts of labeled data',
  'struggle with long inputs',
  'incur substantial computational cost',
  'generalize poorly to unseen domains',
  'require expensive human annotation',
  'are evaluated on narrow benchmarks',
  'ignore the structure of the input',
] as const;

export const GOALS = [
  'reduce inference cost without sacrificing quality',
  'improve generalization to unseen domains',
  'make training more stable',
  'capture long-range dependencies',
  'align model outputs with human preferences',
  'exploit unlabeled data at scale',
] as const;

export const FINDINGS = [
  'data quality matters more than data quantity',
  'gains grow with model scale',
  'most errors stem from a small set of failure modes',
  'simple baselines remain surprisingly competitive',
  'performance saturates beyond a few thousand examples',
] as const;

export const CLOSINGS = [
  'Code and models are publicly available.',
  'We release our code, data and models to facilitate future research.',
  'Our code is available on GitHub.',
  'We hope this work serves as a strong baseline for future research.',
] as const;

/** A comma-separated list (long lists read better as text than as one item per line). */
const list = (text: string): readonly string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Method names are a prefix and a suffix: "SpeechMamba", "OmniAlign". */
export const METHOD_PREFIXES = list(`
  Speech, Vision, Token, Graph, Flow, Long, Fast, Meta, Omni, Mix, Seq, Chain, Auto, Sparse,
  Dual, Hyper, Deep, Self, Multi, Uni, Lingo, Code, Math, Echo
`);
export const METHOD_SUFFIXES = list(`
  Former, Net, LM, Diff, Align, Bench, Agent, GPT, BERT, Mamba, Coder, Tune, RAG, Zero, Gen,
  Reasoner, Judge, VLA, Voice, Scope
`);

export const FIRST_NAMES = list(`
  Wei, Jing, Yu, Xin, Hao, Yang, Jie, Lei, Min, Chen, Zhi, Hui, Tao, Bo, Rui, Yi, Jun, Ling,
  Qiang, Xiao, Priya, Rahul, Ananya, Arjun, Vikram, Sneha, Aditya, Kavya, Rohan, Neha, Hiroshi,
  Yuki, Takumi, Sakura, Kenji, Min-jun, Ji-woo, Seo-yeon, Hyun, Sung, Anna, Maria, Elena, Sofia,
  Laura, Julia, Sarah, Emma, Clara, Lucia, David, Michael, Daniel, Thomas, James, Alexander,
  Lukas, Matteo, Pierre, Jonas, Omar, Ahmed, Fatima, Layla, Yusuf, Mehmet, Ayşe, Ivan, Olga,
  Dmitri, Natalia, Pedro, Camila, Diego, Valentina, Kwame, Amara, Chinedu, Noah, Liam, Olivia,
  Ethan, Mia, Lucas, Nora, Samuel, Hannah, Benjamin, Grace, Felix, Ingrid, Erik, Astrid, Tomás,
  Zoe, Leon, Iris
`);

export const LAST_NAMES = list(`
  Zhang, Wang, Li, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo, He, Lin,
  Luo, Gao, Zheng, Liang, Xie, Tang, Song, Feng, Deng, Han, Cao, Peng, Sharma, Patel, Singh,
  Kumar, Gupta, Iyer, Reddy, Rao, Nair, Mehta, Sato, Suzuki, Takahashi, Tanaka, Watanabe,
  Yamamoto, Nakamura, Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Smith, Johnson, Williams,
  Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Moore, Martin, Clark, Lewis, Walker,
  Hall, Young, Müller, Schmidt, Schneider, Fischer, Weber, Wagner, Becker, Hoffmann, Rossi,
  Russo, Ferrari, Bianchi, Romano, García, Fernández, López, Martínez, Sánchez, Pérez, Dubois,
  Lefebvre, Moreau, Laurent, Silva, Santos, Oliveira, Costa, Ivanov, Petrov, Smirnov, Kowalski,
  Nowak, Novák, Jansen, de Vries, Van den Berg, Andersson, Johansson, Nielsen, Hansen, Larsen,
  Korhonen, Yılmaz, Kaya, Hassan, Ali, Ibrahim, Haddad, Cohen, Levi, Mizrahi, Okafor, Mensah,
  Nguyen, Tran, Pham, Le, Hoang, Santoso, Wijaya, Cruz, Reyes
`);

/** Hugging Face organization handles with display names, most active first. */
export const ORGANIZATIONS: readonly { name: string; fullName: string }[] = [
  { name: 'google', fullName: 'Google' },
  { name: 'microsoft', fullName: 'Microsoft' },
  { name: 'nvidia', fullName: 'NVIDIA' },
  { name: 'facebook', fullName: 'AI at Meta' },
  { name: 'Qwen', fullName: 'Qwen' },
  { name: 'tsinghua', fullName: 'Tsinghua University' },
  { name: 'stanford', fullName: 'Stanford University' },
  { name: 'allenai', fullName: 'Ai2' },
  { name: 'deepseek-ai', fullName: 'DeepSeek' },
  { name: 'ByteDance-Seed', fullName: 'ByteDance Seed' },
  { name: 'cmu', fullName: 'Carnegie Mellon University' },
  { name: 'mit', fullName: 'Massachusetts Institute of Technology' },
  { name: 'berkeley', fullName: 'UC Berkeley' },
  { name: 'pku', fullName: 'Peking University' },
  { name: 'zju', fullName: 'Zhejiang University' },
  { name: 'sjtu', fullName: 'Shanghai Jiao Tong University' },
  { name: 'tencent', fullName: 'Tencent' },
  { name: 'alibaba-damo', fullName: 'Alibaba DAMO Academy' },
  { name: 'kaist', fullName: 'KAIST' },
  { name: 'nus', fullName: 'National University of Singapore' },
  { name: 'eth-zurich', fullName: 'ETH Zürich' },
  { name: 'oxford', fullName: 'University of Oxford' },
  { name: 'uw', fullName: 'University of Washington' },
  { name: 'mila', fullName: 'Mila - Quebec AI Institute' },
  { name: 'huggingface', fullName: 'Hugging Face' },
  { name: 'apple', fullName: 'Apple' },
  { name: 'amazon', fullName: 'Amazon' },
  { name: 'ibm-research', fullName: 'IBM Research' },
  { name: 'salesforce', fullName: 'Salesforce' },
  { name: 'openbmb', fullName: 'OpenBMB' },
  { name: 'shanghai-ai-lab', fullName: 'Shanghai AI Laboratory' },
  { name: 'kaust', fullName: 'KAUST' },
  { name: 'edinburgh', fullName: 'University of Edinburgh' },
  { name: 'utokyo', fullName: 'The University of Tokyo' },
  { name: 'mbzuai', fullName: 'MBZUAI' },
];
